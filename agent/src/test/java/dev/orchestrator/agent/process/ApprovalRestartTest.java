package dev.orchestrator.agent.process;

import static dev.orchestrator.testsupport.RunJson.task;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * Issue 20, acceptance 4, with real agent processes: a run waits on an approval across a restart of its agent, a
 * {@code viewer} token cannot approve it through the CLI, an {@code operator} token does, and the task's output
 * records who approved.
 */
@IntegrationTest
@EnabledOnOs({OS.LINUX, OS.MAC})
class ApprovalRestartTest {

    @TempDir
    Path directory;

    private final List<AgentProcess> agents = new ArrayList<>();
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void cleanUp() {
        agents.forEach(AgentProcess::close);
    }

    private Path config() throws IOException {
        Path config = Files.createDirectory(directory.resolve("pipelines"));
        Files.writeString(config.resolve("pipelines.yaml"), """
                pipelines:
                  - id: publish_numbers
                    tasks:
                      - id: sign_off
                        approval: { message: "Publish the Q3 numbers?", timeout_seconds: 86400 }
                      - { id: publish, connector: shell, action: run, action_kwargs: { command: cat }, depends_on: [sign_off], pass_output_from: sign_off }
                """);
        return config;
    }

    private AgentProcess start(Path config) throws IOException, InterruptedException {
        AgentProcess agent =
                AgentProcess.start(config, directory.resolve("home"), directory.resolve("agent-output.txt"));
        agents.add(agent);
        return agent;
    }

    private static String token(AgentProcess agent, String name, String role) throws Exception {
        return agent.post("/api/v1/tokens", "{\"name\": \"" + name + "\", \"role\": \"" + role + "\"}")
                .get("token")
                .asText();
    }

    private static CliRun.Result cli(AgentProcess agent, String token, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--agent", "http://127.0.0.1:" + agent.port(), "--token", token));
        return CliRun.run(all.toArray(String[]::new));
    }

    @Test
    void aRunWaitsOnItsApprovalAcrossARestartAndAnOperatorApprovesItThroughTheCli() throws Exception {
        Path config = config();
        AgentProcess first = start(config);
        String operator = token(first, "ops-anna", "operator");
        String viewer = token(first, "watcher", "viewer");
        String runId =
                first.post("/trigger/publish_numbers", "{}").get("run_id").asText();
        first.awaitTask(runId, "sign_off", "waiting", Await.STEP);

        first.stop();
        AgentProcess second = start(config);

        JsonNode resumed = second.get("/api/v1/runs/" + runId);
        assertThat(resumed.get("status").asText()).as("%s", resumed).isEqualTo("running");
        assertThat(task(resumed, "sign_off").get("status").asText()).isEqualTo("waiting");
        assertThat(second.get("/api/v1/approvals"))
                .singleElement()
                .satisfies(
                        waiting -> assertThat(waiting.get("message").asText()).isEqualTo("Publish the Q3 numbers?"));

        CliRun.Result refused = cli(second, viewer, "approve", runId, "sign_off", "--comment", "looks fine to me");
        assertThat(refused.exitCode()).as(refused.out()).isNotZero();
        assertThat(refused.err()).contains("needs the role operator").contains("'watcher' has the role viewer");
        assertThat(task(second.get("/api/v1/runs/" + runId), "sign_off")
                        .get("status")
                        .asText())
                .isEqualTo("waiting");

        CliRun.Result approved = cli(second, operator, "approve", runId, "sign_off", "--comment", "totals checked");
        assertThat(approved.exitCode()).as(approved.err()).isZero();
        assertThat(approved.out()).contains("task sign_off of run " + runId + " approved by ops-anna (totals checked)");

        assertThat(second.awaitEnd(runId, Await.STEP)).isEqualTo("success");
        JsonNode detail = second.get("/api/v1/runs/" + runId);
        JsonNode output = json.readTree(task(detail, "sign_off").get("output").asText());
        assertThat(output.get("approved_by").asText()).isEqualTo("ops-anna");
        assertThat(output.get("comment").asText()).isEqualTo("totals checked");
        assertThat(task(detail, "publish").get("output").asText())
                .as("the task it guards received the approval")
                .contains("ops-anna");
        assertThat(task(detail, "sign_off").get("attempts"))
                .as("one attempt across both processes")
                .hasSize(1);
    }
}
