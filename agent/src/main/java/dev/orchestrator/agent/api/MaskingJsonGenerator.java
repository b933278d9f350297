package dev.orchestrator.agent.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import dev.orchestrator.secret.SecretMasker;
import java.io.IOException;

/**
 * Writes JSON with every string value masked as it is written, so a secret never reaches the bytes of an
 * answer, whatever object holds it. Masking while writing, rather than converting the answer to a tree and
 * walking it first, costs nothing when there are no secrets and little when there are.
 */
final class MaskingJsonGenerator extends JsonGeneratorDelegate {

    private final SecretMasker masker;

    MaskingJsonGenerator(JsonGenerator delegate, SecretMasker masker) {
        super(delegate, false);
        this.masker = masker;
    }

    @Override
    public void writeString(String text) throws IOException {
        super.writeString(text == null ? null : masker.mask(text));
    }

    @Override
    public void writeString(char[] text, int offset, int length) throws IOException {
        writeString(new String(text, offset, length));
    }

    @Override
    public void writeString(SerializableString text) throws IOException {
        writeString(text.getValue());
    }

    @Override
    public void writeString(java.io.Reader reader, int length) throws IOException {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[4096];
        for (int read; (length < 0 || text.length() < length) && (read = reader.read(buffer)) > 0; ) {
            text.append(buffer, 0, read);
        }
        writeString(text.toString());
    }

    @Override
    public void writeRawUTF8String(byte[] text, int offset, int length) throws IOException {
        writeString(new String(text, offset, length, java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public void writeUTF8String(byte[] text, int offset, int length) throws IOException {
        writeString(new String(text, offset, length, java.nio.charset.StandardCharsets.UTF_8));
    }
}
