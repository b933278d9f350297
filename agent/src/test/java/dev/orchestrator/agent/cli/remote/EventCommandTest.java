package dev.orchestrator.agent.cli.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.agent.cli.CliRun;
import dev.orchestrator.agent.cli.CliRun.Result;
import dev.orchestrator.agent.schedule.RunningAgentAccess;
import dev.orchestrator.agent.store.RunDetail;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TaskState;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** {@code orchestrator event NAME --key K --payload JSON} against a real agent, found through its home. */
@EnabledOnOs({OS.LINUX, OS.MAC})
class EventCommandTest {

    @TempDir
    static Path directory;

    private static RunningAgentAccess agent;
    private static Path home;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void startAgent() throws IOException {
        agent = new RunningAgentAccess(directory.resolve("agent"));
        agent.write("p.yaml", """
                pipelines:
                  - id: approval
                    params: { request: "0" }
                    tasks:
                      - { id: approved, wait_for: { event: approved, key: "req-{{ params.request }}" }, timeout_seconds: 300 }
                      - { id: act, connector: shell, action: run, action_kwargs: { command: cat }, depends_on: [approved], pass_output_from: approved }
                  - id: on_upload
                    schedule: { type: event, event: uploaded }
                    params: { file: none }
                    tasks:
                      - { id: read, connector: shell, action: run, action_kwargs: { command: "echo {{ params.file }}" } }
                """);
        agent.start();
        home = directory.resolve("agent").resolve("home");
    }

    @AfterAll
    static void stopAgent() {
        agent.close();
    }

    private static Result local(String... args) {
        return CliRun.runWithHome(home, args);
    }

    private String startApproval(String request) {
        return agent.agent()
                .executor()
                .start(
                        agent.agent().pipelines().find("approval").orElseThrow(),
                        dev.orchestrator.agent.execute.RunRequest.manual(Map.of("request", request)),
                        agent.agent().pipelines().secrets());
    }

    private void awaitWaiting(String runId) {
        await("the wait to begin")
                .atMost(Duration.ofSeconds(30))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    RunDetail detail = agent.agent().runStore().findRun(runId).orElseThrow();
                    return detail.task("approved").orElseThrow().status() == TaskState.WAITING;
                });
    }

    @Test
    void anEventWithItsKeyCompletesTheWaitingTaskAndSaysWhich() throws Exception {
        String runId = startApproval("17");
        awaitWaiting(runId);

        Result result = local("event", "approved", "--key", "req-17", "--payload", "{\"by\": \"ana\"}");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("event approved with key req-17 completed task approved of run " + runId);
        assertThat(agent.awaitEnd(runId)).isEqualTo(RunState.SUCCESS);
        assertThat(agent.agent()
                        .runStore()
                        .findRun(runId)
                        .orElseThrow()
                        .task("act")
                        .orElseThrow()
                        .outputPreview())
                .hasValueSatisfying(output -> assertThat(output).contains("\"by\":\"ana\""));
    }

    @Test
    void anEventNobodyWaitsForIsKeptAndJsonShowsTheAnswer() throws IOException {
        Result result = local("event", "approved", "--key", "req-none", "--json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode answer = json.readTree(result.out());
        assertThat(answer.get("delivered_to")).isEmpty();
        assertThat(answer.get("kept_until").asText()).isNotBlank();
        assertThat(local("event", "approved", "--key", "req-none2").out())
                .contains("no task waits for event approved " + "with key req-none2 yet: kept until");
    }

    @Test
    void anEventStartsItsPipelineWithThePayloadAsParams() throws Exception {
        Result result = local("event", "uploaded", "--payload", "{\"file\": \"orders.csv\"}");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("started run ");
        String runId =
                result.out().substring("started run ".length(), result.out().indexOf(';'));
        assertThat(result.out())
                .as("nobody waited for it, so it is also kept for a wait")
                .contains("no task waits for event uploaded yet: kept until");
        assertThat(agent.awaitEnd(runId)).isEqualTo(RunState.SUCCESS);
        assertThat(agent.agent()
                        .runStore()
                        .findRun(runId)
                        .orElseThrow()
                        .task("read")
                        .orElseThrow()
                        .outputPreview())
                .hasValueSatisfying(output -> assertThat(output).contains("orders.csv"));
    }

    @Test
    void aRefusedEventExitsWithOneAndTheAgentsMessage() {
        Result result = local("event", "uploaded", "--payload", "[1, 2]");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("JSON object");
    }
}
