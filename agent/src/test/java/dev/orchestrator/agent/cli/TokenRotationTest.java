package dev.orchestrator.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.agent.cli.CliRun.Result;
import dev.orchestrator.agent.cli.common.ExitCodes;
import dev.orchestrator.agent.schedule.RunningAgentAccess;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** {@code orchestrator token --rotate} beside a running agent, and the CLI's remote commands after it. */
@EnabledOnOs({OS.LINUX, OS.MAC})
class TokenRotationTest {

    @TempDir
    Path directory;

    private static Result run(String... args) {
        return CliRun.run(args);
    }

    @Test
    void aRotatedTokenIsTheOneTheRunningAgentAcceptsAtOnce() throws Exception {
        try (RunningAgentAccess agent = new RunningAgentAccess(directory)) {
            agent.write("p.yaml", """
                    pipelines:
                      - id: hello
                        tasks:
                          - { id: say, connector: shell, action: run, action_kwargs: { command: "echo hi" } }
                    """);
            agent.start();
            Path home = directory.resolve("home");
            String url = "http://127.0.0.1:" + agent.agent().port();
            String old = Files.readString(home.resolve("token")).strip();
            assertThat(run("list", "--home", home.toString()).exitCode()).isZero();

            Result rotate = run("token", "--rotate", "--home", home.toString());
            String rotated = rotate.out().strip();

            assertThat(rotate.exitCode()).as(rotate.err()).isZero();
            assertThat(rotated).isNotEqualTo(old).hasSizeGreaterThanOrEqualTo(32);
            assertThat(rotate.err()).doesNotContain("restart");
            // the local CLI (and the console, which reads the same file) goes on working, without a restart
            Result local = run("list", "--home", home.toString());
            assertThat(local.exitCode()).as(local.err()).isZero();
            assertThat(local.out()).contains("hello");
            Result withNew = run("list", "--agent", url, "--token", rotated);
            assertThat(withNew.exitCode()).as(withNew.err()).isZero();
            // the old token is refused, and the refusal prints no token, neither the refused one nor the new one
            Result withOld = run("list", "--agent", url, "--token", old);
            assertThat(withOld.exitCode()).isEqualTo(ExitCodes.UNAUTHORIZED);
            assertThat(withOld.err())
                    .contains("refused the token")
                    .doesNotContain(old)
                    .doesNotContain(rotated);
            assertThat(withOld.out()).doesNotContain(old).doesNotContain(rotated);
        }
    }
}
