package dev.orchestrator.agent.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.api.Role;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
                        "/api/v1/openapi.json",
                        request -> StreamingResponse.of("application/json; charset=utf-8", document))
                .requires(Role.VIEWER));
    }

    /** Each operation's {@code operationId} by {@code "METHOD /path"}: the action names of the audit log. */
    public Map<String, String> operationIds() {
        Map<String, String> ids = new HashMap<>();
        try {
            new ObjectMapper()
                    .readTree(document)
                    .get("paths")
                    .properties()
                    .forEach(path -> path.getValue().properties().forEach(operation -> {
                        if (operation.getValue().has("operationId")) {
                            ids.put(
                                    operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(),
                                    operation.getValue().get("operationId").asText());
                        }
                    }));
        } catch (IOException e) {
            throw new UncheckedIOException(DOCUMENT + " is not JSON", e);
        }
        return ids;
    }
}
