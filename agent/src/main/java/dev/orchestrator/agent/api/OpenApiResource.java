package dev.orchestrator.agent.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** {@code GET /api/v1/openapi.json}: this API described in OpenAPI 3.1, kept beside the code it describes. */
public final class OpenApiResource {

    static final String DOCUMENT = "/dev/orchestrator/agent/api/openapi.json";

    private final byte[] document;

    public OpenApiResource() {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                throw new IllegalStateException(DOCUMENT + " is missing from the agent's jar");
            }
            document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Route> routes() {
        return List.of(Route.get(
                "/api/v1/openapi.json", request -> StreamingResponse.of("application/json; charset=utf-8", document)));
    }
}
