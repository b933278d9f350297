package dev.orchestrator.agent.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.secret.SecretMasker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every answer of the API: what a handler returned (JSON with secrets masked, an empty 204, bytes kept from
 * an earlier answer, a stream) and every error, in the one JSON shape. Stateless; thread-safe.
 */
final class ResponseWriter {

    private static final Logger LOG = LoggerFactory.getLogger(ResponseWriter.class);

    private final ObjectMapper json;
    private final Supplier<SecretMasker> secrets;

    ResponseWriter(ObjectMapper json, Supplier<SecretMasker> secrets) {
        this.json = json;
        this.secrets = secrets;
    }

    /** A handler's answer: null is an empty 204, anything else is sent as it is or as JSON with status 200. */
    void answer(Request request, Response response, Callback callback, Object body) throws IOException {
        if (body == null) {
            response.setStatus(204);
            callback.succeeded();
        } else if (body instanceof CachedAnswer cached) {
            cached(request, response, callback, cached);
        } else if (body instanceof StreamingResponse streaming) {
            stream(request, response, callback, streaming);
        } else {
            json(response, callback, 200, body);
        }
    }

    void json(Response response, Callback callback, int status, Object body) throws IOException {
        send(response, callback, status, serialize(body, secrets.get()));
    }

    /** A refusal, with the header a 401 must carry. */
    void error(Response response, Callback callback, ApiException refusal) throws IOException {
        if (refusal.status() == 401) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"orchestrator\"");
        }
        json(response, callback, refusal.status(), refusal.toDto());
    }

    /** The answer's JSON, every text that may hold a secret masked. */
    byte[] serialize(Object body) throws IOException {
        return serialize(body, secrets.get());
    }

    private byte[] serialize(Object body, SecretMasker masker) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(8192);
        try (JsonGenerator generator = json.getFactory().createGenerator(buffer)) {
            json.writeValue(masker.isEmpty() ? generator : new MaskingJsonGenerator(generator, masker), body);
        }
        return buffer.toByteArray();
    }

    private static void cached(Request request, Response response, Callback callback, CachedAnswer cached) {
        String accepted = request.getHeaders().get(HttpHeader.ACCEPT_ENCODING);
        if (accepted != null && accepted.toLowerCase(Locale.ROOT).contains("gzip")) {
            response.getHeaders().put(HttpHeader.CONTENT_ENCODING, "gzip");
            send(response, callback, 200, cached.gzipped());
        } else {
            send(response, callback, 200, cached.json());
        }
    }

    private void stream(Request request, Response response, Callback callback, StreamingResponse streaming) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, streaming.contentType());
        streaming.headers().forEach(response.getHeaders()::put);
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
            streaming.write(out, secrets.get());
        } catch (IOException e) {
            // the client went away (a closed event stream, a cancelled export): nothing left to answer
            LOG.debug(
                    "{} {} ended early: {}",
                    request.getMethod(),
                    request.getHttpURI().getPath(),
                    e.toString());
            callback.failed(e);
            return;
        } catch (RuntimeException e) {
            // the status is already sent: the client sees the body cut short, the log says why
            LOG.error(
                    "{} {} failed while streaming: {}",
                    request.getMethod(),
                    request.getHttpURI().getPath(),
                    secrets.get().mask(e.toString()));
            callback.failed(e);
            return;
        }
        callback.succeeded();
    }

    private static void send(Response response, Callback callback, int status, byte[] bytes) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }
}
