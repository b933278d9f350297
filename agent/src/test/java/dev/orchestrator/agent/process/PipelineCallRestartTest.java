package dev.orchestrator.agent.process;

import static dev.orchestrator.testsupport.RunJson.task;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.agent.cli.CliRun;
import dev.orchestrator.testsupport.IntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19, {@code pipeline:} calls with real agent processes: a call waits for its child run across a restart of
 * its agent (both runs only wait, so both are left to the next start), the API and {@code orchestrator show} link
 * the two runs both ways, and the child's end reaches its caller after the restart.
 */
@IntegrationTest
@EnabledOnOs({OS.LINUX, OS.MAC})
class PipelineCallRestartTest {

    @TempDir
    Path directory;

    private final List<AgentProcess> agents = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        agents.forEach(AgentProcess::close);
    }

    private Path config() throws IOException {
        Path config = Files.createDirectory(directory.resolve("pipelines"));
        Files.writeString(config.resolve("pipelines.yaml"), """
                pipelines:
                  - id: nightly
                    tasks:
                      - id: refresh_dims
                        pipeline: dimensions_refresh
                        params: { day: "2026-01-02" }
                      - { id: publish, connector: shell, action: run, action_kwargs: { command: cat }, depends_on: [refresh_dims], pass_output_from: refresh_dims }
                  - id: dimensions_refresh
                    params: { day: "" }
                    tasks:
                      - { id: ready, wait_for: { event: dims_ready, key: "{{ params.day }}" }, timeout_seconds: 300 }
                """);
        return config;
    }

    private AgentProcess start(Path config) throws IOException, InterruptedException {
        AgentProcess agent =
                AgentProcess.start(config, directory.resolve("home"), directory.resolve("agent-output.txt"));
        agents.add(agent);
        return agent;
    }

    private static CliRun.Result show(AgentProcess agent, String token, String runId) {
        return CliRun.run("show", runId, "--agent", "http://127.0.0.1:" + agent.port(), "--token", token);
    }

    @Test
    void aCallWaitsForItsChildAcrossARestartAndBothRunsNameEachOther() throws Exception {
        Path config = config();
        AgentProcess first = start(config);
        String parentId = first.post("/trigger/nightly", "{}").get("run_id").asText();
        first.awaitTask(parentId, "refresh_dims", "waiting", Await.STEP);
        String childId = task(first.get("/api/v1/runs/" + parentId), "refresh_dims")
                .get("child_run_id")
                .asText();
        first.awaitTask(childId, "ready", "waiting", Await.STEP);

        first.stop();
        AgentProcess second = start(config);

        JsonNode parent = second.get("/api/v1/runs/" + parentId);
        assertThat(parent.get("status").asText()).as("%s", parent).isEqualTo("running");
        assertThat(task(parent, "refresh_dims").get("status").asText()).isEqualTo("waiting");
        assertThat(task(parent, "refresh_dims").get("child_run_id").asText()).isEqualTo(childId);
        JsonNode child = second.get("/api/v1/runs/" + childId);
        assertThat(child.get("status").asText()).as("%s", child).isEqualTo("running");
        assertThat(child.get("trigger").asText()).isEqualTo("pipeline");
        assertThat(child.get("parent_run_id").asText()).isEqualTo(parentId);
        assertThat(child.get("parent_task_id").asText()).isEqualTo("refresh_dims");
        assertThat(child.get("params").get("day").asText()).isEqualTo("2026-01-02");

        String viewer = second.post("/api/v1/tokens", "{\"name\": \"watcher\", \"role\": \"viewer\"}")
                .get("token")
                .asText();
        CliRun.Result shownParent = show(second, viewer, parentId);
        assertThat(shownParent.exitCode()).as(shownParent.err()).isZero();
        assertThat(shownParent.out())
                .contains("child run of refresh_dims: " + childId + " (orchestrator show " + childId + ")");
        CliRun.Result shownChild = show(second, viewer, childId);
        assertThat(shownChild.exitCode()).as(shownChild.err()).isZero();
        assertThat(shownChild.out()).contains("pipeline (of " + parentId + ")");
        assertThat(shownChild.out()).containsPattern("called by +task refresh_dims of run " + parentId);

        JsonNode delivered =
                second.post("/api/v1/events/dims_ready", "{\"key\": \"2026-01-02\", \"payload\": {\"rows\": 3}}");
        assertThat(delivered.get("delivered_to")).hasSize(1);
        assertThat(second.awaitEnd(childId, Await.STEP)).isEqualTo("success");
        assertThat(second.awaitEnd(parentId, Await.STEP)).isEqualTo("success");
        JsonNode ended = second.get("/api/v1/runs/" + parentId);
        assertThat(task(ended, "refresh_dims").get("output").asText()).contains("{\"ready\":{\"rows\":3}}");
        assertThat(task(ended, "publish").get("output").asText())
                .as("the task after the call received the child's outputs")
                .contains("rows");
        assertThat(task(ended, "refresh_dims").get("attempts"))
                .as("one attempt across both processes")
                .hasSize(1);
    }
}
