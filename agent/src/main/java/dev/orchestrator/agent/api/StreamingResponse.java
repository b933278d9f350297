package dev.orchestrator.agent.api;

import dev.orchestrator.secret.SecretMasker;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A response written as it is produced rather than built in memory first: CSV exports of any size, the
 * event stream, the metrics text. A handler returns one instead of an object to send as JSON.
 */
public interface StreamingResponse {

    /** The {@code Content-Type} header, charset included. */
    String contentType();

    /**
     * Writes the body. Once this runs the status is sent, so a failure here can only cut the body short;
     * check everything that can be refused before returning the response.
     *
     * @param masker masks the secrets of every text that may hold one
     */
    void write(OutputStream body, SecretMasker masker) throws IOException;

    /** Extra response headers, such as a file name for a download. */
    default java.util.Map<String, String> headers() {
        return java.util.Map.of();
    }

    /** A body known in full, such as a static document. */
    static StreamingResponse of(String contentType, byte[] content) {
        return new StreamingResponse() {
            @Override
            public String contentType() {
                return contentType;
            }

            @Override
            public void write(OutputStream body, SecretMasker masker) throws IOException {
                body.write(content);
            }
        };
    }
}
