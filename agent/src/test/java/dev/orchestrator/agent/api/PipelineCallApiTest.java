package dev.orchestrator.agent.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.agent.cli.CliRun;
import dev.orchestrator.model.RunState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 19 through the API and the CLI: the run detail of a calling task names the child run it started, the child's
 * names its parent run and task, and {@code orchestrator show} prints both links.
 */
class PipelineCallApiTest {

    @RegisterExtension
    final LiveAgent agent = new LiveAgent("""
            pipelines:
              - id: nightly
                tasks:
                  - { id: refresh_dims, pipeline: dimensions_refresh, params: { day: "2026-01-02" } }
              - id: dimensions_refresh
                params: { day: "" }
                tasks:
                  - { id: refresh, connector: shell, action: run, action_kwargs: { command: "echo dims of {{ params.day }}" } }
            """);

    private JsonNode run(String runId) {
        return agent.get("/api/v1/runs/" + runId).json(agent.json);
    }

    private static JsonNode task(JsonNode run, String taskId) {
        for (JsonNode task : run.get("tasks")) {
            if (task.get("task_id").asText().equals(taskId)) {
                return task;
            }
        }
        throw new AssertionError("no task " + taskId + " in " + run);
    }

    private CliRun.Result show(String runId) {
        return CliRun.run("show", runId, "--agent", agent.url(""), "--token", agent.token);
    }

    @Test
    void theCallingTaskNamesItsChildRunAndTheChildItsParentRunAndTask() throws InterruptedException {
        String parentId = agent.runToEnd("nightly");

        JsonNode parent = run(parentId);
        assertThat(parent.get("status").asText()).as("%s", parent).isEqualTo("success");
        JsonNode call = task(parent, "refresh_dims");
        String childId = call.get("child_run_id").asText();
        assertThat(childId).isNotBlank().isNotEqualTo(parentId);
        assertThat(call.get("output").asText()).contains("\"refresh\":\"dims of 2026-01-02\"");
        assertThat(parent.has("parent_task_id"))
                .as("a run no task called has none")
                .isFalse();
        assertThat(agent.awaitEnd(childId)).isEqualTo(RunState.SUCCESS);
        JsonNode child = run(childId);
        assertThat(child.get("trigger").asText()).isEqualTo("pipeline");
        assertThat(child.get("parent_run_id").asText()).isEqualTo(parentId);
        assertThat(child.get("parent_task_id").asText()).isEqualTo("refresh_dims");
        assertThat(task(child, "refresh").get("child_run_id").isNull()).isTrue();

        CliRun.Result shownParent = show(parentId);
        assertThat(shownParent.exitCode()).as(shownParent.err()).isZero();
        assertThat(shownParent.out())
                .contains("child run of refresh_dims: " + childId + " (orchestrator show " + childId + ")");
        CliRun.Result shownChild = show(childId);
        assertThat(shownChild.exitCode()).as(shownChild.err()).isZero();
        assertThat(shownChild.out())
                .contains("pipeline (of " + parentId + ")")
                .containsPattern("called by +task refresh_dims of run " + parentId);
    }
}
