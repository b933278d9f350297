package dev.orchestrator.agent.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.model.RunState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 22: a task's whole output over real HTTP, where run detail has a preview: inline and spilled to a file, its
 * secrets masked, a map item's, and a 404 that says what is missing.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class OutputApiTest {

    private static final String CANARY = "canary-7f3e9d2b1a";

    @RegisterExtension
    final LiveAgent agent = new LiveAgent("""
            pipelines:
              - id: outputs
                tasks:
                  - id: small
                    connector: shell
                    action: run
                    action_kwargs:
                      command: sh
                      args:
                        - -c
                        - |
                          printf '{"rows": [{"id": 1, "token": "%s"}]}' "${CANARY}"
                  - id: big
                    connector: shell
                    action: run
                    action_kwargs:
                      command: sh
                      args:
                        - -c
                        - >-
                          awk -v s="${CANARY}" 'BEGIN { printf "["; for (i = 0; i < 3000; i++) {
                          if (i > 0) printf ","; printf "{\\"id\\": %d, \\"name\\": \\"row %d of the big output\\",
                          \\"token\\": \\"%s\\"}", i, i, (i == 7 ? s : "none") } print "]" }'
                  - id: each
                    for_each: { items: [0, 1, 2] }
                    connector: shell
                    action: run
                    action_kwargs: { command: sh, args: ["-c", "printf '{\\"item\\": %s}' \\"$1\\"", sh, "{{ item }}"] }
            """, "CANARY=" + CANARY + "\n");

    @Test
    void aSmallOutputIsAnsweredWholeWithItsSecretMasked() throws Exception {
        String runId = runOutputs();

        LiveAgent.Answer answer = agent.get("/api/v1/runs/" + runId + "/tasks/small/output");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("application/json");
        assertThat(answer.body()).doesNotContain(CANARY);
        assertThat(answer.json(agent.json))
                .isEqualTo(agent.json.readTree("{\"rows\": [{\"id\": 1, \"token\": \"***\"}]}"));
    }

    @Test
    void aSpilledOutputIsAnsweredWholeFromItsFileWhereRunDetailHasAPreview() throws Exception {
        String runId = runOutputs();
        JsonNode task =
                agent.get("/api/v1/runs/" + runId).json(agent.json).get("tasks").get(1);
        assertThat(task.get("task_id").asText()).isEqualTo("big");
        // run detail says where a spilled output is, and none of it
        assertThat(task.get("output").asText())
                .startsWith("(large output, stored in ")
                .doesNotContain("row 1 of");
        try (var files = Files.walk(agent.home())) {
            List<Path> spilled = files.filter(path -> path.endsWith(Path.of(runId, "big.json")))
                    .toList();
            assertThat(spilled).as("the output spilled to a file").hasSize(1);
            assertThat(Files.size(spilled.get(0))).isGreaterThan(64 * 1024);
        }

        LiveAgent.Answer answer = agent.get("/api/v1/runs/" + runId + "/tasks/big/output");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).doesNotContain(CANARY);
        JsonNode rows = answer.json(agent.json);
        assertThat(rows).hasSize(3000);
        assertThat(rows.get(2999).get("name").asText()).isEqualTo("row 2999 of the big output");
        assertThat(rows.get(7).get("token").asText()).isEqualTo("***");
        assertThat(rows.get(8).get("token").asText()).isEqualTo("none");
    }

    @Test
    void aMapItemsOutputIsAnsweredByItsIndex() throws Exception {
        String runId = runOutputs();

        LiveAgent.Answer answer = agent.get("/api/v1/runs/" + runId + "/tasks/each/items/2/output");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json(agent.json)).isEqualTo(agent.json.readTree("{\"item\": 2}"));
        assertThat(agent.get("/api/v1/runs/" + runId + "/tasks/each/items/9/output")
                        .status())
                .isEqualTo(404);
        assertThat(agent.get("/api/v1/runs/" + runId + "/tasks/each/items/two/output")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void anUnknownTaskOrRunIsA404ThatNamesIt() throws Exception {
        String runId = runOutputs();

        LiveAgent.Answer task = agent.get("/api/v1/runs/" + runId + "/tasks/nope/output");
        assertThat(task.status()).isEqualTo(404);
        assertThat(task.json(agent.json).get("message").asText())
                .contains("task 'nope' in run " + runId)
                .contains("small, big, each");

        LiveAgent.Answer run = agent.get("/api/v1/runs/run_missing/tasks/small/output");
        assertThat(run.status()).isEqualTo(404);
        assertThat(run.json(agent.json).get("message").asText()).contains("run_missing");
    }

    private String runOutputs() throws InterruptedException {
        String runId = agent.runToEnd("outputs");
        assertThat(agent.awaitEnd(runId))
                .as(agent.get("/api/v1/runs/" + runId).body())
                .isEqualTo(RunState.SUCCESS);
        return runId;
    }
}
