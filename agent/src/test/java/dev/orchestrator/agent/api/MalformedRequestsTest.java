package dev.orchestrator.agent.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Random;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Requests that are wrong in every way a client can get them wrong: each gets a 4xx with a JSON error body,
 * never a dropped connection or a 500, and the agent goes on answering correctly afterwards.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class MalformedRequestsTest {

    private static final long SEED = 20261121L;

    @RegisterExtension
    final LiveAgent agent = new LiveAgent("""
            pipelines:
              - id: quick
                tasks:
                  - { id: t, connector: shell, action: run, action_kwargs: { command: "true" } }
            """);

    private void assertRefusedClearly(LiveAgent.Answer answer, String what, int status) {
        assertThat(answer.status()).as(what + " -> " + answer.body()).isEqualTo(status);
        JsonNode error = answer.json(agent.json);
        assertThat(error.get("error").asText()).as(what).isNotBlank();
        assertThat(error.get("message").asText()).as(what).isNotBlank();
    }

    @Test
    void eachKindOfMistakeGetsItsOwnClearError() {
        Map<String, Integer> gets = Map.of(
                "/upcoming?hours=abc",
                400,
                "/upcoming?hours=-1",
                400,
                "/api/v1/runs?page=0",
                400,
                "/api/v1/runs?size=9999",
                400,
                "/api/v1/runs?from=last-tuesday",
                400,
                "/api/v1/runs/run_nope",
                404,
                "/pipeline/nope",
                404,
                "/api/v1/runs?size=-3",
                400,
                "/no/such/endpoint",
                404,
                "/api/v1/logs?level=loud",
                400);
        gets.forEach((path, status) -> assertRefusedClearly(agent.get(path), "GET " + path, status));

        Map<String, Integer> bodies = Map.of(
                "{\"params\": ", 400, "null", 400, "[1, 2]", 400, "{\"params\": [1]}", 400, "{\"params\": \"x\"}", 400);
        bodies.forEach((body, status) ->
                assertRefusedClearly(agent.post("/trigger/quick", body), "POST /trigger/quick " + body, status));
        assertRefusedClearly(agent.post("/api/v1/pipelines/quick/backfill", "{\"from\": \"monday\"}"), "backfill", 400);
        assertRefusedClearly(agent.send(agent.request("/pipelines").delete().build()), "DELETE /pipelines", 405);
        // "%zz" is no URL encoding: refused as the API refuses everything, in JSON
        assertRefusedClearly(agent.get("/api/v1/runs?q=%zz"), "GET ?q=%zz", 400);
        assertRefusedClearly(agent.send(agent.request("/trigger/quick").get().build()), "GET /trigger", 405);
        assertRefusedClearly(agent.post("/api/v1/runs/run_nope/cancel", ""), "cancel unknown", 404);
    }

    @Test
    void fiveHundredRandomRequestsAreAllAnsweredAndTheAgentStillWorks() throws Exception {
        Random random = new Random(SEED);
        List<String> templates = agent.agent().routes().stream()
                .map(Route::template)
                .filter(template -> !template.equals("/api/v1/events")) // a stream that stays open by design
                .toList();
        List<String> ids =
                List.of("quick", "nope", "run_x", "..", "%2e%2e", "a%20b", "x".repeat(300), "ü", "1", "export.csv");
        List<String> queries = List.of(
                "",
                "?page=-1",
                "?size=abc",
                "?hours=abc",
                "?hours=1e9",
                "?from=2024-13-45",
                "?status=RUNNING",
                "?q=%25",
                "?q=%E2%82",
                "?after=-5",
                "?page=99999999999",
                "?level=",
                "?pipeline=&&=",
                "?size=500&page=2",
                "?to=2024-01-01T00:00:00",
                "?task=t&after=abc");
        List<String> bodies = List.of(
                "",
                "{",
                "}",
                "null",
                "[]",
                "{\"params\": null}",
                "{\"params\": {\"a\": 1}}",
                "{\"from\": \"2024-01-01\", \"to\": \"2023-01-01\"}",
                "{\"text\": 42}",
                "{\"text\": \"a: [\"}",
                "\"just a string\"",
                "{\"version\": \"x\", \"text\": \"pipelines: []\"}",
                "{\"a\":" + "[".repeat(2000),
                "\u0000\u0001\u0002",
                "{\"params\": {\"a\": " + "9".repeat(400) + "}}");
        List<String> methods = List.of("GET", "POST", "PUT", "DELETE", "PATCH");
        List<MediaType> types = List.of(
                LiveAgent.JSON_TYPE,
                MediaType.get("text/plain"),
                MediaType.get("application/x-www-form-urlencoded"),
                MediaType.get("application/json; charset=latin1"));

        int answered = 0;
        for (int i = 0; i < 600; i++) {
            String path = templates
                            .get(random.nextInt(templates.size()))
                            .replaceAll("\\{[a-z_]+}", ids.get(random.nextInt(ids.size())))
                    + queries.get(random.nextInt(queries.size()));
            String method = methods.get(random.nextInt(methods.size()));
            Request.Builder request = agent.request(path);
            if (method.equals("GET")) {
                request.get();
            } else {
                request.method(
                        method,
                        RequestBody.create(
                                bodies.get(random.nextInt(bodies.size())), types.get(random.nextInt(types.size()))));
            }
            LiveAgent.Answer answer = agent.send(request.build());
            String what = method + " " + path;
            assertThat(answer.status()).as(what + " -> " + answer.body()).isBetween(200, 499);
            if (answer.status() >= 400) {
                assertThat(answer.json(agent.json).get("error").asText())
                        .as(what)
                        .isNotBlank();
            }
            answered++;
        }

        assertThat(answered).isEqualTo(600);
        assertThat(agent.get("/pipelines").json(agent.json).get(0).get("id").asText())
                .isEqualTo("quick");
        String runId = agent.post("/trigger/quick", "{}")
                .json(agent.json)
                .get("run_id")
                .asText();
        assertThat(agent.awaitEnd(runId).yamlName()).isEqualTo("success");
    }
}
