package dev.orchestrator.agent.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.agent.cli.CliRun;
import dev.orchestrator.model.RunState;
import java.nio.file.Files;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 20, acceptance 7: a successful run and a failed one after an edit of its pipeline compare as the changed
 * task states, each task's durations with their ratio, and the diff of the pipeline's two revisions.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class RunDiffApiTest {

    private static final String GOOD = """
            pipelines:
              - id: nightly
                params: { region: eu }
                tasks:
                  - id: extract
                    connector: shell
                    action: run
                    action_kwargs: { command: sh, args: ["-c", "sleep 0.2; echo rows"] }
                  - id: load
                    connector: shell
                    action: run
                    action_kwargs: { command: sh, args: ["-c", "echo loaded"] }
                    depends_on: [extract]
                    retry: { times: 0 }
            """;
    private static final String BROKEN = GOOD.replace("sleep 0.2; echo rows", "sleep 0.4; echo more rows")
            .replace("echo loaded", "echo no table here >&2; exit 3");

    @RegisterExtension
    final LiveAgent agent = new LiveAgent(GOOD);

    private String runToEnd(String body) throws Exception {
        LiveAgent.Answer started = agent.post("/trigger/nightly", body);
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        String runId = started.json(agent.json).get("run_id").asText();
        agent.awaitEnd(runId);
        return runId;
    }

    private JsonNode task(JsonNode run, String taskId) {
        for (JsonNode task : run.get("tasks")) {
            if (task.get("task_id").asText().equals(taskId)) {
                return task;
            }
        }
        throw new AssertionError("no task " + taskId + " in " + run);
    }

    @Test
    void aSuccessAndAFailureAfterAnEditDifferInTaskStatesDurationsAndRevision() throws Exception {
        String success = runToEnd("{}");
        String revisionA = agent.get("/api/v1/runs/" + success)
                .json(agent.json)
                .get("revision")
                .asText();
        Files.writeString(agent.agent.config().resolve("pipelines.yaml"), BROKEN);
        Awaitility.await("the watcher to load the edit")
                .atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> agent.get("/api/v1/pipelines/nightly/revisions")
                                .json(agent.json)
                                .get("total")
                                .asInt()
                        == 2);
        String failure = runToEnd("{\"params\": {\"region\": \"us\", \"day\": \"monday\"}}");
        assertThat(agent.awaitEnd(failure)).isEqualTo(RunState.FAILED);

        LiveAgent.Answer answer = agent.get("/api/v1/runs/diff?a=" + success + "&b=" + failure);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode diff = answer.json(agent.json);
        assertThat(diff.get("status_a").asText()).isEqualTo("success");
        assertThat(diff.get("status_b").asText()).isEqualTo("failed");
        assertThat(diff.get("logical_time_changed").asBoolean())
                .isEqualTo(!diff.get("logical_time_a")
                        .asText()
                        .equals(diff.get("logical_time_b").asText()));
        assertThat(diff.get("params_changed").toString())
                .isEqualTo("[{\"name\":\"region\",\"change\":\"changed\",\"a\":\"eu\",\"b\":\"us\"},"
                        + "{\"name\":\"day\",\"change\":\"added\",\"a\":null,\"b\":\"monday\"}]");

        String revisionB = agent.get("/api/v1/runs/" + failure)
                .json(agent.json)
                .get("revision")
                .asText();
        assertThat(diff.get("revision_a").asText()).isEqualTo(revisionA);
        assertThat(diff.get("revision_b").asText()).isEqualTo(revisionB).isNotEqualTo(revisionA);
        assertThat(diff.get("revision_changed").asBoolean()).isTrue();
        assertThat(diff.get("revision_diff").asText())
                .isEqualTo(agent.get("/api/v1/pipelines/nightly/revisions/diff?a=" + revisionA + "&b=" + revisionB)
                        .json(agent.json)
                        .get("diff")
                        .asText())
                .startsWith("--- pipelines.yaml@" + revisionA + "\n+++ pipelines.yaml@" + revisionB + "\n")
                .contains("-        action_kwargs: { command: sh, args: [\"-c\", \"echo loaded\"] }\n")
                .contains(
                        "+        action_kwargs: { command: sh, args: [\"-c\", \"echo no table here >&2; exit 3\"] }\n");

        JsonNode runA = agent.get("/api/v1/runs/" + success).json(agent.json);
        JsonNode runB = agent.get("/api/v1/runs/" + failure).json(agent.json);
        JsonNode tasks = diff.get("tasks");
        assertThat(tasks).extracting(task -> task.get("task_id").asText()).containsExactly("extract", "load");
        for (JsonNode task : tasks) {
            String taskId = task.get("task_id").asText();
            long durationA = task(runA, taskId).get("duration_ms").asLong();
            long durationB = task(runB, taskId).get("duration_ms").asLong();
            assertThat(task.get("duration_ms_a").asLong()).isEqualTo(durationA);
            assertThat(task.get("duration_ms_b").asLong()).isEqualTo(durationB);
            assertThat(task.get("duration_ratio").asDouble())
                    .isEqualTo(Math.round(durationB * 100.0 / durationA) / 100.0);
        }
        JsonNode extract = tasks.get(0);
        assertThat(extract.get("state_a").asText()).isEqualTo("success");
        assertThat(extract.get("state_b").asText()).isEqualTo("success");
        assertThat(extract.get("attempts_a").asInt()).isEqualTo(1);
        assertThat(extract.get("attempts_b").asInt()).isEqualTo(1);
        assertThat(extract.get("output_changed").asBoolean()).isTrue();
        assertThat(extract.get("changed").asBoolean()).isTrue();
        assertThat(extract.has("first_error_b")).isFalse();
        JsonNode load = tasks.get(1);
        assertThat(load.get("state_a").asText()).isEqualTo("success");
        assertThat(load.get("state_b").asText()).isEqualTo("failed");
        assertThat(load.get("changed").asBoolean()).isTrue();
        assertThat(load.has("first_error_a")).isFalse();
        assertThat(load.get("first_error_b").asText()).isNotBlank().doesNotContain("\n");

        // a run compared with itself: nothing changed
        JsonNode same =
                agent.get("/api/v1/runs/diff?a=" + success + "&b=" + success).json(agent.json);
        assertThat(same.get("revision_changed").asBoolean()).isFalse();
        assertThat(same.has("revision_diff")).isFalse();
        assertThat(same.get("params_changed")).isEmpty();
        assertThat(same.get("tasks")).allSatisfy(task -> {
            assertThat(task.get("changed").asBoolean()).isFalse();
            assertThat(task.get("output_changed").asBoolean()).isFalse();
            assertThat(task.get("duration_ratio").asDouble()).isEqualTo(1.0);
        });

        CliRun.Result table = CliRun.runWithHome(agent.home(), "diff", success, failure);
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out())
                .contains("A " + success + " (nightly, success)", "B " + failure + " (nightly, failed)")
                .contains("param region (changed): \"eu\" -> \"us\"")
                .contains("revision: " + revisionA + " -> " + revisionB)
                .contains("--- pipelines.yaml@" + revisionA);
        assertThat(table.out().lines().filter(line -> line.startsWith("*  load")))
                .singleElement()
                .satisfies(line -> assertThat(line).contains("success / failed", "1 / 1", "changed"));
        CliRun.Result json = CliRun.runWithHome(agent.home(), "diff", success, failure, "--json");
        assertThat(agent.json.readTree(json.out())).isEqualTo(diff);
    }

    @Test
    void refusesAMissingOrUnknownRun() throws Exception {
        String run = runToEnd("{}");
        assertThat(agent.get("/api/v1/runs/diff?a=" + run).status()).isEqualTo(400);
        LiveAgent.Answer unknown = agent.get("/api/v1/runs/diff?a=" + run + "&b=run_nowhere");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).contains("run_nowhere");
    }
}
