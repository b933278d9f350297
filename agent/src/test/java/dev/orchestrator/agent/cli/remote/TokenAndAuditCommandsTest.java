package dev.orchestrator.agent.cli.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.agent.cli.CliRun;
import dev.orchestrator.agent.cli.CliRun.Result;
import dev.orchestrator.agent.cli.common.ExitCodes;
import dev.orchestrator.agent.schedule.RunningAgentAccess;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code orchestrator token create|list|revoke} and {@code orchestrator audit} against a running agent, found
 * through its home as on the agent's machine (the home's token file is the admin that makes the others).
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class TokenAndAuditCommandsTest {

    @TempDir
    Path directory;

    @Test
    void namedTokensAreMadeListedUsedWithinTheirRoleRevokedAndAudited() throws Exception {
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
            String homeToken = Files.readString(home.resolve("token")).strip();

            Result created = CliRun.runWithHome(home, "token", "create", "reader", "--role", "viewer");
            assertThat(created.exitCode()).as(created.err()).isZero();
            String reader = created.out().strip();
            assertThat(reader).startsWith("orc_");
            assertThat(created.err()).contains("not shown again");

            Result list = CliRun.runWithHome(home, "token", "list");
            assertThat(list.exitCode()).as(list.err()).isZero();
            assertThat(list.line("reader"))
                    .contains("viewer")
                    .contains("database")
                    .contains("never");
            assertThat(list.line("home")).contains("admin");
            assertThat(list.out()).doesNotContain(reader).doesNotContain(homeToken);

            // the viewer reads, and is refused a trigger with a message naming both roles
            assertThat(CliRun.run("list", "--agent", url, "--token", reader).exitCode())
                    .isZero();
            Result refused = CliRun.run("trigger", "hello", "--agent", url, "--token", reader);
            assertThat(refused.exitCode()).isEqualTo(ExitCodes.FAILED);
            assertThat(refused.err()).contains("needs the role operator").contains("has the role viewer");

            Result revoked = CliRun.runWithHome(home, "token", "revoke", "reader");
            assertThat(revoked.exitCode()).as(revoked.err()).isZero();
            assertThat(CliRun.run("list", "--agent", url, "--token", reader).exitCode())
                    .isEqualTo(ExitCodes.UNAUTHORIZED);
            assertThat(CliRun.runWithHome(home, "token", "revoke", "reader").exitCode())
                    .isEqualTo(ExitCodes.FAILED);
            assertThat(CliRun.runWithHome(home, "token", "create", "x", "--role", "boss")
                            .exitCode())
                    .isEqualTo(ExitCodes.USAGE);

            Result audit = CliRun.runWithHome(home, "audit", "--since", "1h");
            assertThat(audit.exitCode()).as(audit.err()).isZero();
            assertThat(audit.line("triggerPipeline"))
                    .contains("reader")
                    .contains("403")
                    .contains("hello");
            assertThat(audit.lines().stream().filter(line -> line.contains("revokeToken")))
                    .as("revoked, then refused: no such token")
                    .satisfiesExactly(
                            again -> assertThat(again).contains("home").contains("404"),
                            first -> assertThat(first).contains("home").contains("200"));
            assertThat(audit.out()).doesNotContain("listPipelines");
            Result byReader = CliRun.runWithHome(home, "audit", "--who", "reader", "--csv");
            assertThat(byReader.exitCode()).as(byReader.err()).isZero();
            assertThat(byReader.lines())
                    .hasSize(2)
                    .first()
                    .isEqualTo("id,time,who,method,route,action,target,status,agent_id");
            assertThat(CliRun.runWithHome(home, "audit", "--since", "yesterday").exitCode())
                    .isEqualTo(ExitCodes.USAGE);

            // the home's token file is still what it was, and still the admin
            assertThat(Files.readString(home.resolve("token")).strip()).isEqualTo(homeToken);
            assertThat(CliRun.runWithHome(home, "token").out().strip()).isEqualTo(homeToken);
        }
    }
}
