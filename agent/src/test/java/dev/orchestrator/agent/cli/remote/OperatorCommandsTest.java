package dev.orchestrator.agent.cli.remote;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.agent.cli.CliRun;
import dev.orchestrator.agent.cli.CliRun.Result;
import dev.orchestrator.agent.cli.common.ExitCodes;
import dev.orchestrator.agent.schedule.RunningAgentAccess;
import dev.orchestrator.model.RunState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** {@code orchestrator retry --from-task}, {@code mark} and {@code runs --retry|--cancel} against a real agent. */
@EnabledOnOs({OS.LINUX, OS.MAC})
class OperatorCommandsTest {

    @TempDir
    Path directory;

    private RunningAgentAccess agent;
    private Path home;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void startAgent() throws IOException {
        agent = new RunningAgentAccess(directory.resolve("agent"));
        agent.write("p.yaml", """
                pipelines:
                  - id: breaks
                    tasks:
                      - { id: fail, connector: shell, action: run, action_kwargs: { command: "false" }, retry: { times: 0 } }
                      - { id: after, connector: shell, action: run, action_kwargs: { command: "echo after" }, depends_on: [fail] }
                """);
        agent.start();
        home = directory.resolve("agent").resolve("home");
    }

    @AfterEach
    void stopAgent() {
        agent.close();
    }

    private Result run(String... args) {
        return CliRun.runWithHome(home, args);
    }

    private String failedRun() throws Exception {
        Result trigger = run("trigger", "breaks", "--json");
        assertThat(trigger.exitCode()).as(trigger.err()).isZero();
        String runId = json.readTree(trigger.out()).get("run_id").asText();
        assertThat(agent.awaitEnd(runId)).isEqualTo(RunState.FAILED);
        return runId;
    }

    @Test
    void marksAFailedTaskShowsTheMarkAndRetriesFromATask() throws Exception {
        String failed = failedRun();

        Result marked = run(
                "mark", failed, "fail", "--state", "success", "--output", "{\"rows\":3}", "--reason", "loaded by hand");

        assertThat(marked.exitCode()).as(marked.err()).isZero();
        assertThat(marked.out())
                .contains("task fail of run " + failed + " marked success by home")
                .contains("`orchestrator retry " + failed + "` goes on from the mark");
        Result shown = run("show", failed);
        assertThat(shown.line("marked success by home: loaded by hand"))
                .startsWith("fail ")
                .contains(" success ");

        Result retried = run("retry", failed, "--from-task", "after", "--json");
        assertThat(retried.exitCode()).as(retried.err()).isZero();
        String retry = json.readTree(retried.out()).get("run_id").asText();
        assertThat(agent.awaitEnd(retry)).isEqualTo(RunState.SUCCESS);

        Result badOutput = run("mark", failed, "fail", "--state", "success", "--output", "{rows: 3");
        assertThat(badOutput.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badOutput.err()).contains("--output is JSON");
    }

    @Test
    void retriesTheRunsAFilterSelectsOnlyWithYesWhenNobodyCanBeAsked() throws Exception {
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            failed.add(failedRun());
        }

        Result asked = run("runs", "--pipeline", "breaks", "--status", "failed", "--retry");

        assertThat(asked.exitCode()).as(asked.out()).isEqualTo(ExitCodes.USAGE);
        failed.forEach(runId -> assertThat(asked.line(runId)).contains("planned"));
        assertThat(asked.out()).contains("3 runs selected (3 planned); a dry run: nothing was done yet");
        assertThat(asked.err()).contains("Retry these 3 runs? Not asked: stdin is not a terminal. Add --yes");

        Result done = run("runs", "--pipeline", "breaks", "--status", "failed", "--retry", "--yes", "--json");

        assertThat(done.exitCode()).as(done.err()).isZero();
        JsonNode answer = json.readTree(done.out());
        assertThat(answer.get("outcomes").get("done").asInt()).isEqualTo(3);
        for (JsonNode retried : answer.get("runs")) {
            agent.awaitEnd(retried.get("new_run_id").asText());
        }
        Result unfiltered = run("runs", "--retry", "--yes");
        assertThat(unfiltered.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unfiltered.err()).contains("give at least one of --pipeline");
    }
}
