package dev.orchestrator.agent.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Optional;

/**
 * One request as a handler sees it: path parameters, query parameters, the body as JSON, and who sent it.
 *
 * @param caller the name of the token the request was made with ({@code Caller.NOBODY} on the public route)
 */
public record ApiRequest(
        String method,
        String path,
        Map<String, String> pathParameters,
        Map<String, String> query,
        org.eclipse.jetty.http.HttpFields headers,
        byte[] body,
        ObjectMapper json,
        String caller) {

    /** A request header, by its name in any case. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    public String pathParameter(String name) {
        return pathParameters.get(name);
    }

    public Optional<String> queryParameter(String name) {
        return Optional.ofNullable(query.get(name));
    }

    private boolean declaredJson() {
        return header("Content-Type")
                .map(type -> type.toLowerCase(java.util.Locale.ROOT).strip().startsWith("application/json"))
                .orElse(false);
    }

    /**
     * The body as {@code type}; an empty body is {@code whenEmpty}. The body is read as JSON whatever its declared
     * type; what is not JSON is a 415 when it is not declared JSON, a 400 when it is.
     */
    public <T> T body(Class<T> type, T whenEmpty) {
        if (body.length == 0) {
            return whenEmpty;
        }
        try {
            T value = json.readValue(body, type);
            if (value == null) {
                throw ApiException.badRequest("the request body is JSON null; send an object such as {}");
            }
            return value;
        } catch (JsonProcessingException e) {
            if (!declaredJson()) {
                // not JSON, and not claiming to be: a form or text sent by mistake
                throw new ApiException(
                        415,
                        "unsupported_media_type",
                        "request bodies are JSON, such as "
                                + "{\"params\": {}}; this one is not JSON"
                                + header("Content-Type")
                                        .map(declared -> " but '" + declared + "'")
                                        .orElse("") + ": send JSON, best with 'Content-Type: application/json'");
            }
            throw ApiException.badRequest("the request body is not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw ApiException.badRequest("the request body cannot be read: " + e.getMessage());
        }
    }
}
