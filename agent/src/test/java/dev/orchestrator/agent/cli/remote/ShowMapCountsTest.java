package dev.orchestrator.agent.cli.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.agent.cli.CliRun;
import dev.orchestrator.agent.cli.CliRun.Result;
import dev.orchestrator.agent.schedule.RunningAgentAccess;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** {@code orchestrator show RUN} prints where a for_each task's items stand. */
@EnabledOnOs({OS.LINUX, OS.MAC})
class ShowMapCountsTest {

    @TempDir
    static Path directory;

    private static RunningAgentAccess agent;
    private static Path home;

    @BeforeAll
    static void startAgent() throws IOException {
        agent = new RunningAgentAccess(directory.resolve("agent"));
        agent.write("p.yaml", """
                pipelines:
                  - id: mapped
                    tasks:
                      - id: each
                        for_each: { items: [1, 2, 3, 4, 5] }
                        retry: { times: 0 }
                        connector: shell
                        action: run
                        action_kwargs: { command: sh, args: ["-c", "test $1 -ne 4", sh, "{{ item }}"] }
                """);
        agent.start();
        home = directory.resolve("agent").resolve("home");
    }

    @AfterAll
    static void stopAgent() {
        agent.close();
    }

    @Test
    void showPrintsTheCountsOfAMapsItems() throws Exception {
        Result started = CliRun.runWithHome(home, "trigger", "mapped");
        assertThat(started.exitCode()).as(started.err()).isZero();
        String runId = started.out().replaceAll("(?s)started run (\\S+) of .*", "$1");
        agent.awaitEnd(runId);

        Result show = CliRun.runWithHome(home, "show", runId);

        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(show.line("items of each"))
                .isEqualTo("items of each: 4 done, 1 failed, 0 running, 0 waiting (of 5)");
    }
}
