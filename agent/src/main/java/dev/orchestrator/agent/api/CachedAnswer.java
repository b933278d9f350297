package dev.orchestrator.agent.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * A route's serialized answer, also gzipped (a list of 500 pipelines shrinks from 80 KB to a few: the bytes, not
 * the building, limited how many answers a second the server gave), and the instances it was built from. See
 * {@link Route#answerCachedWhileSame}.
 */
record CachedAnswer(List<Object> inputs, byte[] json, byte[] gzipped) {

    CachedAnswer(List<Object> inputs, byte[] json) {
        this(inputs, json, gzip(json));
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(bytes.length / 8 + 64);
        try (GZIPOutputStream out = new GZIPOutputStream(buffer)) {
            out.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("gzip in memory cannot fail", e);
        }
        return buffer.toByteArray();
    }

    /** Whether it was built from these very instances (the same, not equal). */
    boolean builtFrom(List<Object> now) {
        if (now.size() != inputs.size()) {
            return false;
        }
        for (int i = 0; i < now.size(); i++) {
            if (now.get(i) != inputs.get(i)) {
                return false;
            }
        }
        return true;
    }
}
