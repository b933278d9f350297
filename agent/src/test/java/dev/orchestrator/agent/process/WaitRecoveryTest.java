package dev.orchestrator.agent.process;

import static dev.orchestrator.testsupport.RunJson.task;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.testsupport.IntegrationTest;
import dev.orchestrator.testsupport.SleepMarker;
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
 * Waiting tasks across real agent processes: a wait (or a sensor between pokes) is not work in flight, so an
 * agent killed or stopped while runs only wait leaves them waiting, and the next agent on that home takes them
 * over instead of marking them crashed.
 */
@IntegrationTest
@EnabledOnOs({OS.LINUX, OS.MAC})
class WaitRecoveryTest {

    private static final String SLEEP_MARKER = SleepMarker.seconds(43);

    @TempDir
    Path directory;

    private final List<AgentProcess> agents = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        agents.forEach(AgentProcess::close);
        ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().orElse("").contains(SLEEP_MARKER))
                .forEach(ProcessHandle::destroyForcibly);
    }

    private Path config() throws IOException {
        Path config = Files.createDirectory(directory.resolve("pipelines"));
        Files.writeString(config.resolve("pipelines.yaml"), """
                pipelines:
                  - id: order_flow
                    schedule: { max_instances: 5 }
                    params: { order_id: "0" }
                    tasks:
                      - { id: wait_ready, wait_for: { event: order_ready, key: "{{ params.order_id }}" }, timeout_seconds: 300 }
                      - { id: ship, connector: shell, action: run, action_kwargs: { command: cat }, depends_on: [wait_ready], pass_output_from: wait_ready }
                  - id: busy
                    tasks:
                      - { id: work, connector: shell, action: run, action_kwargs: { command: "sleep %s" }, timeout_seconds: 120 }
                  - id: flag_watch
                    tasks:
                      - id: flag
                        connector: csv_file
                        connector_config: { base_dir: "%s" }
                        action: exists
                        action_kwargs: { path: ready.flag }
                        sensor: { poke_interval_seconds: 1 }
                        timeout_seconds: 300
                """.formatted(SLEEP_MARKER, directory));
        return config;
    }

    @Test
    void aRunThatOnlyWaitsOutlivesSigkillWhileARunWithWorkInFlightIsCrashed() throws Exception {
        Path config = config();
        AgentProcess first = start(config);
        String waiting = first.post("/trigger/order_flow", "{\"params\": {\"order_id\": \"42\"}}")
                .get("run_id")
                .asText();
        String working = first.post("/trigger/busy", "{}").get("run_id").asText();
        awaitTask(first, waiting, "wait_ready", "waiting");
        awaitTask(first, working, "work", "running");
        Thread.sleep(300); // task-level changes reach H2's file within its 100 ms write delay
        first.kill();

        AgentProcess second = start(config);
        JsonNode resumed = second.get("/api/v1/runs/" + waiting);
        assertThat(resumed.get("status").asText()).as("%s", resumed).isEqualTo("running");
        assertThat(task(resumed, "wait_ready").get("status").asText()).isEqualTo("waiting");
        assertThat(second.get("/api/v1/runs/" + working).get("status").asText()).isEqualTo("crashed");

        JsonNode delivered = second.post("/api/v1/events/order_ready", "{\"key\": \"42\", \"payload\": {\"ok\": 1}}");
        assertThat(delivered.get("delivered_to")).hasSize(1);
        assertThat(awaitEnd(second, waiting)).isEqualTo("success");
        assertThat(task(second.get("/api/v1/runs/" + waiting), "ship")
                        .get("output")
                        .asText())
                .contains("\"ok\"");
    }

    @Test
    void sigtermLeavesWaitsAndSensorsForTheNextAgentToTakeOver() throws Exception {
        Path config = config();
        AgentProcess first = start(config);
        String waiting = first.post("/trigger/order_flow", "{\"params\": {\"order_id\": \"7\"}}")
                .get("run_id")
                .asText();
        String sensing = first.post("/trigger/flag_watch", "{}").get("run_id").asText();
        awaitTask(first, waiting, "wait_ready", "waiting");
        awaitTask(first, sensing, "flag", "waiting");

        first.stop();

        Files.writeString(directory.resolve("ready.flag"), "up while the agent was down");
        AgentProcess second = start(config);
        assertThat(awaitEnd(second, sensing))
                .as("the sensor pokes again at once and finds the flag")
                .isEqualTo("success");
        assertThat(task(second.get("/api/v1/runs/" + waiting), "wait_ready")
                        .get("status")
                        .asText())
                .isEqualTo("waiting");
        second.post("/api/v1/events/order_ready", "{\"key\": \"7\"}");
        assertThat(awaitEnd(second, waiting)).isEqualTo("success");
        JsonNode flag = task(second.get("/api/v1/runs/" + sensing), "flag");
        assertThat(flag.get("attempts")).as("one attempt across both processes").hasSize(1);
    }

    private AgentProcess start(Path config) throws IOException, InterruptedException {
        AgentProcess agent =
                AgentProcess.start(config, directory.resolve("home"), directory.resolve("agent-output.txt"));
        agents.add(agent);
        return agent;
    }

    private static void awaitTask(AgentProcess agent, String runId, String taskId, String status) {
        agent.awaitTask(runId, taskId, status, Await.STEP);
    }

    private static String awaitEnd(AgentProcess agent, String runId) {
        return agent.awaitEnd(runId, Await.STEP);
    }
}
