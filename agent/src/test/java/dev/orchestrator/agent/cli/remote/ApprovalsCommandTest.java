package dev.orchestrator.agent.cli.remote;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.agent.cli.CliRun;
import dev.orchestrator.agent.cli.CliRun.Result;
import dev.orchestrator.agent.schedule.RunningAgentAccess;
import dev.orchestrator.model.RunState;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** {@code orchestrator approvals} against a real agent over HTTP: the waiting task listed, then none once decided. */
@EnabledOnOs({OS.LINUX, OS.MAC})
class ApprovalsCommandTest {

    @TempDir
    Path directory;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void listsTheTaskWaitingForApprovalWithItsMessageAndNoneOnceApproved() throws Exception {
        try (RunningAgentAccess agent = new RunningAgentAccess(directory.resolve("agent"))) {
            agent.write("p.yaml", """
                    pipelines:
                      - id: publish_numbers
                        tasks:
                          - id: sign_off
                            approval: { message: "Publish the Q3 numbers?", timeout_seconds: 3600 }
                          - { id: publish, connector: shell, action: run, action_kwargs: { command: "true" }, depends_on: [sign_off] }
                    """);
            agent.start();
            Path home = directory.resolve("agent").resolve("home");
            assertThat(CliRun.runWithHome(home, "approvals").out()).isEqualTo("no task is waiting for approval\n");
            Result trigger = CliRun.runWithHome(home, "trigger", "publish_numbers", "--json");
            String runId = json.readTree(trigger.out()).get("run_id").asText();
            Awaitility.await("the task to wait for approval")
                    .atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> CliRun.runWithHome(home, "approvals", "--json")
                            .out()
                            .contains(runId));

            Result listed = CliRun.runWithHome(home, "approvals");

            assertThat(listed.exitCode()).as(listed.err()).isZero();
            assertThat(listed.lines().get(0)).startsWith("RUN").contains("PIPELINE", "TASK", "WAITED", "MESSAGE");
            assertThat(listed.line(runId))
                    .contains("publish_numbers", "sign_off", "Publish the Q3 numbers?")
                    .containsPattern(" \\d+\\.\\d s ");
            assertThat(listed.out()).contains("1 task waits; decide with `orchestrator approve RUN TASK`");
            JsonNode answer = json.readTree(
                    CliRun.runWithHome(home, "approvals", "--json").out());
            assertThat(answer.get(0).get("message").asText()).isEqualTo("Publish the Q3 numbers?");

            Result approved = CliRun.runWithHome(home, "approve", runId, "sign_off", "--comment", "ok");
            assertThat(approved.exitCode()).as(approved.err()).isZero();
            assertThat(agent.awaitEnd(runId)).isEqualTo(RunState.SUCCESS);
            assertThat(CliRun.runWithHome(home, "approvals").out()).isEqualTo("no task is waiting for approval\n");
        }
    }
}
