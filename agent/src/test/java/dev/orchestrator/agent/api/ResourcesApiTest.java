package dev.orchestrator.agent.api;

import static dev.orchestrator.testsupport.RunJson.task;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.agent.cli.CliRun;
import dev.orchestrator.model.RunState;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 21's resource profiles over real HTTP, on an agent with the machine's limits: a task waiting for the agent's
 * processors is {@code queued} in its run's detail with why, {@code orchestrator show} prints the same, and it starts
 * once the holder's run is cancelled.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class ResourcesApiTest {

    private static final int PROCESSORS = Runtime.getRuntime().availableProcessors();

    @RegisterExtension
    final LiveAgent agent = new LiveAgent("""
            pipelines:
              - id: whole_machine
                tasks:
                  - { id: crunch, connector: shell, action: run, action_kwargs: { command: "sleep 120" }, timeout_seconds: 300, resources: { cpu: %d } }
              - id: report
                tasks:
                  - { id: query, connector: shell, action: run, action_kwargs: { command: "echo done" }, resources: { cpu: 1 } }
            """.formatted(PROCESSORS));

    private String trigger(String pipelineId) {
        return agent.post("/trigger/" + pipelineId, "{}")
                .json(agent.json)
                .get("run_id")
                .asText();
    }

    @Test
    void aTaskWaitingForTheAgentsResourcesIsQueuedWithWhyAndStartsWhenTheyComeBack() throws Exception {
        String holder = trigger("whole_machine");
        Awaitility.await("the crunch to hold every processor")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> agent.get("/api/v1/agent")
                                .json(agent.json)
                                .path("resources")
                                .path("cpu_in_use")
                                .asDouble()
                        == PROCESSORS);
        String waiter = trigger("report");
        Awaitility.await("the report to wait for a processor")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> task(agent.get("/api/v1/runs/" + waiter).json(agent.json), "query")
                        .path("status")
                        .asText()
                        .equals("queued"));

        JsonNode query = task(agent.get("/api/v1/runs/" + waiter).json(agent.json), "query");
        assertThat(query.path("reason").asText())
                .matches("waiting for resources: needs 0 MB, 1 CPU; 0 of \\d+ MB, " + PROCESSORS + " of " + PROCESSORS
                        + " CPU in use by " + holder + " / crunch");
        CliRun.Result shown = CliRun.run("show", waiter, "--agent", agent.url(""), "--token", agent.token);
        assertThat(shown.exitCode()).as(shown.err()).isZero();
        assertThat(shown.line("query")).contains("queued");
        assertThat(shown.out()).contains("waiting for resources: needs 0 MB, 1 CPU");

        assertThat(agent.post("/api/v1/runs/" + holder + "/cancel", "{}").status())
                .isEqualTo(200);
        assertThat(agent.awaitEnd(holder)).isEqualTo(RunState.CANCELLED);
        assertThat(agent.awaitEnd(waiter)).isEqualTo(RunState.SUCCESS);
        assertThat(agent.get("/api/v1/agent")
                        .json(agent.json)
                        .path("resources")
                        .path("cpu_in_use")
                        .asDouble())
                .isZero();
    }
}
