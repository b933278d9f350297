package dev.orchestrator.agent.pipeline;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A pipeline file's text as its revisions keep it, and its revision id. */
public final class RevisionTexts {

    private RevisionTexts() {}

    /** The text with its line endings made {@code \n}: a file saved on Windows is the same revision. */
    public static String canonical(String text) {
        return text.replace("\r\n", "\n").replace('\r', '\n');
    }

    /**
     * The first 12 hex digits of the SHA-256 of the canonical text. For a file with {@code \n} line endings it is
     * the start of the version the editor's save checks ({@code GET .../source}), which hashes the text as it is.
     */
    public static String revisionOf(String text) {
        try {
            byte[] hash =
                    MessageDigest.getInstance("SHA-256").digest(canonical(text).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
