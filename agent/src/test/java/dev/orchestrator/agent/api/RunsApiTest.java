package dev.orchestrator.agent.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.agent.schedule.RunningAgentAccess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Run lists and logs over real HTTP, against an agent wired as {@code orchestrator run} wires it. */
@EnabledOnOs({OS.LINUX, OS.MAC})
class RunsApiTest {

    @TempDir
    Path directory;

    private RunningAgentAccess agent;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private String token;

    @BeforeEach
    void start() throws Exception {
        agent = new RunningAgentAccess(directory);
        agent.write("p.yaml", """
                pipelines:
                  - id: talks
                    tasks:
                      - { id: say, connector: shell, action: run, action_kwargs: { command: sh, args: ["-c", "echo one >&2; echo two >&2"] } }
                  - id: breaks
                    tasks:
                      - { id: fail, connector: shell, action: run, action_kwargs: { command: "false" }, retry: { times: 0 } }
                """);
        agent.start();
        token = Files.readString(directory.resolve("home").resolve("token")).strip();
    }

    @AfterEach
    void stop() {
        agent.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + agent.agent().port() + path))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String trigger(String pipeline) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + agent.agent().port() + "/trigger/" + pipeline))
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        String runId = json.readTree(response.body()).get("run_id").asText();
        agent.awaitEnd(runId);
        return runId;
    }

    @Test
    void listsRunsNewestFirstFilteredAndPaged() throws Exception {
        List<String> talks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            talks.add(trigger("talks"));
        }
        String broken = trigger("breaks");

        JsonNode all = json.readTree(get("/api/v1/runs?size=2").body());
        assertThat(all.get("total").asLong()).isEqualTo(4);
        assertThat(all.get("page").asInt()).isEqualTo(1);
        assertThat(all.get("size").asInt()).isEqualTo(2);
        assertThat(all.get("items")).hasSize(2);
        assertThat(all.get("items").get(0).get("run_id").asText()).isEqualTo(broken);

        JsonNode secondPage = json.readTree(get("/api/v1/runs?size=2&page=2").body());
        assertThat(secondPage.get("items"))
                .extracting(run -> run.get("run_id").asText())
                .containsExactly(talks.get(1), talks.get(0));

        JsonNode failed = json.readTree(get("/api/v1/runs?status=failed").body());
        assertThat(failed.get("items")).singleElement().satisfies(run -> {
            assertThat(run.get("run_id").asText()).isEqualTo(broken);
            assertThat(run.get("pipeline_id").asText()).isEqualTo("breaks");
            assertThat(run.get("trigger").asText()).isEqualTo("api");
            assertThat(run.has("tasks")).isFalse();
        });
        assertThat(json.readTree(get("/api/v1/runs?pipeline=talks").body())
                        .get("total")
                        .asLong())
                .isEqualTo(3);
        JsonNode searched = json.readTree(
                get("/api/v1/runs?q=" + talks.get(2).substring(20)).body());
        assertThat(searched.get("items"))
                .extracting(run -> run.get("run_id").asText())
                .containsExactly(talks.get(2));
        assertThat(searched.get("total").asLong()).isEqualTo(1);
        assertThat(searched.get("total_capped").asBoolean(true))
                .as("counted whole below 1,000")
                .isFalse();
        assertThat(all.get("total_capped").asBoolean(true)).isFalse();
        assertThat(json.readTree(get("/api/v1/runs?from=2999-01-01").body())
                        .get("total")
                        .asLong())
                .isZero();
    }

    @Test
    void refusesBadFiltersWithAClearError() throws Exception {
        for (String query : List.of("size=0", "size=501", "page=zero", "status=exploded", "from=yesterday")) {
            HttpResponse<String> response = get("/api/v1/runs?" + query);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(json.readTree(response.body()).get("error").asText()).isEqualTo("bad_request");
        }
        assertThat(get("/api/v1/runs/run_nope/logs").statusCode()).isEqualTo(404);
    }

    @Test
    void servesARunsLogLinesInOrderFromACursor() throws Exception {
        String runId = trigger("talks");

        JsonNode logs = json.readTree(get("/api/v1/runs/" + runId + "/logs").body());

        assertThat(logs.get("total").asLong()).isEqualTo(2);
        assertThat(logs.get("items"))
                .extracting(line -> line.get("message").asText())
                .containsExactly("stderr: one", "stderr: two");
        assertThat(logs.get("items").get(0).get("task").asText()).isEqualTo("say");
        long firstId = logs.get("items").get(0).get("id").asLong();
        JsonNode rest = json.readTree(
                get("/api/v1/runs/" + runId + "/logs?after=" + firstId).body());
        assertThat(rest.get("items"))
                .extracting(line -> line.get("message").asText())
                .containsExactly("stderr: two");
    }

    @Test
    void refusesForeignHostsAndBodiesThatAreNotJson() throws Exception {
        // the JDK client will not send another Host: a raw request, as a rebinding browser would make it
        try (java.net.Socket socket =
                new java.net.Socket("127.0.0.1", agent.agent().port())) {
            socket.getOutputStream()
                    .write(("GET /api/v1/runs HTTP/1.1\r\nHost: evil.example.com\r\n" + "Authorization: Bearer " + token
                                    + "\r\nConnection: close\r\n\r\n")
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 403").contains("\"error\":\"forbidden\"");
        }

        HttpResponse<String> plain = http.send(
                HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + agent.agent().port() + "/trigger/talks"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString("params: {}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(plain.statusCode()).isEqualTo(415);
        assertThat(json.readTree(plain.body()).get("error").asText()).isEqualTo("unsupported_media_type");

        HttpResponse<String> noToken = http.send(
                HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + agent.agent().port() + "/api/v1/runs"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(get("/health").statusCode()).isEqualTo(200);
    }
}
