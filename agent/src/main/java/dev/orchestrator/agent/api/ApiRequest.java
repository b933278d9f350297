package dev.orchestrator.agent.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Map;
import java.util.Optional;

/** One request as a handler sees it: path parameters, query parameters, and the body as JSON. */
public record ApiRequest(String method, String path, Map<String, String> pathParameters,
                         Map<String, String> query, com.sun.net.httpserver.Headers headers, byte[] body,
                         ObjectMapper json) {

    /** A request header, by its name in any case. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.getFirst(name));
    }

    public String pathParameter(String name) {
        return pathParameters.get(name);
    }

    public Optional<String> queryParameter(String name) {
        return Optional.ofNullable(query.get(name));
    }

    /** The body as {@code type}; an empty body is {@code whenEmpty}. */
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
            throw ApiException.badRequest("the request body is not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw ApiException.badRequest("the request body cannot be read: " + e.getMessage());
        }
    }
}
