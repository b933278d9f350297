package dev.orchestrator.agent.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * Reads request bodies, up to a limit, taking turns: reading a body holds a thread, so at most a quarter of the
 * server's threads may wait for bodies, and requests without one (health checks, lists, the console's polls) are
 * always served. Thread-safe.
 */
final class RequestBodies {

    static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final long MAX_DRAINED_BYTES = 64L * 1024 * 1024;

    private final Semaphore readers;

    RequestBodies(int maxThreads) {
        readers = new Semaphore(Math.max(1, maxThreads / 4));
    }

    /** The body, empty when there is none; 413 over {@code maxBodyBytes}, 503 when too many bodies are read. */
    byte[] read(Request request, int maxBodyBytes) throws IOException {
        if (!hasBody(request)) {
            return new byte[0];
        }
        if (!readers.tryAcquire()) {
            throw new ApiException(
                    503, "busy", "too many requests are sending their bodies at once; retry in a " + "moment");
        }
        try {
            return readBody(request, maxBodyBytes);
        } finally {
            readers.release();
        }
    }

    /**
     * A body sent without the token must be JSON, and say so. With the token, the body is read as JSON whatever
     * its declared type (plain {@code curl -d} declares a form, and the original tool accepted it): a cross-site
     * form, the attack a declared type guards against, cannot send the token. See {@link ApiRequest#body}.
     */
    static void checkDeclaredJson(Request request, byte[] body) {
        if (body.length == 0) {
            return;
        }
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new ApiException(
                    415,
                    "unsupported_media_type",
                    "request bodies are JSON: send " + "'Content-Type: application/json'"
                            + (type == null ? "" : ", not '" + type + "'"));
        }
    }

    private static boolean hasBody(Request request) {
        // HTTP/1.1 announces a body by its length or by chunking; a request with neither has none
        return request.getLength() > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
    }

    private static byte[] readBody(Request request, int maxBodyBytes) throws IOException {
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] body = in.readNBytes(maxBodyBytes + 1);
            if (body.length > maxBodyBytes) {
                // read on (to a bound) and drop: a client still sending would otherwise see the connection
                // reset before it reads the answer that says why
                long drained = 0;
                byte[] sink = new byte[64 * 1024];
                for (int read; drained < MAX_DRAINED_BYTES && (read = in.read(sink)) > 0; ) {
                    drained += read;
                }
                throw new ApiException(
                        413,
                        "payload_too_large",
                        "request bodies to " + request.getMethod() + " "
                                + request.getHttpURI().getPath() + " are limited to " + maxBodyBytes / 1024 + " KB");
            }
            return body;
        }
    }
}
