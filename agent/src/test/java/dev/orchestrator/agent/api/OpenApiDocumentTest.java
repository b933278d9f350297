package dev.orchestrator.agent.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The served OpenAPI document describes exactly the endpoints the agent serves: none missing, none invented. */
@EnabledOnOs({OS.LINUX, OS.MAC})
class OpenApiDocumentTest {

    @RegisterExtension
    final LiveAgent agent = new LiveAgent("pipelines: []\n");

    @Test
    void documentsEveryRouteAndNothingElse() {
        LiveAgent.Answer answer = agent.get("/api/v1/openapi.json");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("application/json");
        JsonNode document = answer.json(agent.json);
        assertThat(document.get("openapi").asText()).startsWith("3.1");

        Set<String> documented = new HashSet<>();
        document.get("paths")
                .properties()
                .forEach(path -> path.getValue().fieldNames().forEachRemaining(method -> {
                    if (Set.of("get", "post", "put", "delete", "patch").contains(method)) {
                        documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                    }
                }));
        Set<String> served = new HashSet<>();
        agent.agent().routes().forEach(route -> served.add(route.toString()));

        assertThat(documented).isEqualTo(served);
        document.get("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(operation -> {
                    if (operation.getValue().has("responses")) {
                        assertThat(operation.getValue().get("operationId").asText())
                                .as(path.getKey())
                                .isNotBlank();
                        assertThat(operation.getValue().get("summary").asText())
                                .as(path.getKey())
                                .isNotBlank();
                    }
                }));
    }

    @Test
    void everyOperationNamesTheRoleItsRouteRequires() {
        JsonNode paths = agent.get("/api/v1/openapi.json").json(agent.json).get("paths");
        for (Route route : agent.agent().routes()) {
            JsonNode operation =
                    paths.path(route.template()).path(route.method().toLowerCase(Locale.ROOT));
            if (route.public_()) {
                assertThat(operation.has("x-required-role"))
                        .as(route.toString())
                        .isFalse();
            } else {
                assertThat(operation.path("x-required-role").asText())
                        .as(route + ": x-required-role in openapi.json")
                        .isEqualTo(route.role().orElseThrow().label());
            }
        }
    }
}
