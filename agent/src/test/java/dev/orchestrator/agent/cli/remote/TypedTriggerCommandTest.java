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

/** {@code orchestrator trigger --param} against a pipeline with typed parameters (issue 22). */
@EnabledOnOs({OS.LINUX, OS.MAC})
class TypedTriggerCommandTest {

    @TempDir
    static Path directory;

    private static RunningAgentAccess agent;
    private static Path home;

    @BeforeAll
    static void startAgent() throws IOException {
        agent = new RunningAgentAccess(directory.resolve("agent"));
        agent.write("p.yaml", """
            pipelines:
              - id: typed
                params:
                  region: { type: string, enum: [eu, us], default: eu }
                  limit: { type: integer, default: 10 }
                tasks:
                  - { id: show, connector: shell, action: run, action_kwargs: { command: "echo {{ params.limit + 1 }}" } }
            """);
        agent.start();
        home = directory.resolve("agent").resolve("home");
    }

    @AfterAll
    static void stopAgent() {
        agent.close();
    }

    @Test
    void printsTheAgentsRefusalNamingTheParameter() {
        Result refused = CliRun.runWithHome(home, "trigger", "typed", "--param", "region=asia");

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.out() + refused.err())
                .contains("parameter 'region' got 'asia', which is not allowed: give one of eu, us");
    }

    @Test
    void aValueOfTheTypeStartsTheRun() {
        Result started = CliRun.runWithHome(home, "trigger", "typed", "--param", "limit=41", "--wait");

        assertThat(started.exitCode()).as(started.out() + started.err()).isZero();
    }
}
