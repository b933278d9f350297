package dev.orchestrator.agent.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.testsupport.IntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's home holds its database, its log and its API token: no other local user may read any of it,
 * whatever the umask the agent was started under.
 */
@IntegrationTest
@EnabledOnOs({OS.LINUX, OS.MAC})
class HomePermissionsTest {

    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);

    @TempDir
    Path directory;

    private Path config() throws IOException {
        Path config = Files.createDirectories(directory.resolve("pipelines"));
        Files.writeString(config.resolve("pipelines.yaml"), """
                pipelines:
                  - id: quick
                    tasks:
                      - { id: hello, connector: shell, action: run, action_kwargs: { command: "echo hello" } }
                      - id: big
                        connector: shell
                        action: run
                        action_kwargs: { command: sh, args: ["-c", "yes spilled | head -c 100000"] }
                """);
        return config;
    }

    private static void runToEnd(AgentProcess agent) throws Exception {
        String runId = agent.post("/trigger/quick", "{}").get("run_id").asText();
        Await.until(
                "run " + runId + " to end",
                Await.STEP,
                () -> !agent.get("/api/v1/runs/" + runId)
                        .path("status")
                        .asText()
                        .matches("running|queued"));
        assertThat(agent.get("/api/v1/runs/" + runId).path("status").asText())
                .as("run " + runId)
                .isEqualTo("success");
    }

    /** Every path under {@code home} (itself included) that group or others may use, with its mode. */
    private static List<String> loose(Path home) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(home)) {
            for (Path path : paths.toList()) {
                Set<PosixFilePermission> mode = Files.getPosixFilePermissions(path);
                if (mode.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
                    found.add(home.relativize(path) + " " + PosixFilePermissions.toString(mode));
                }
            }
        }
        return found;
    }

    @Test
    void aFreshHomeIsTheOwnersOnlyUnderAUmaskOf022() throws Exception {
        Path home = directory.resolve("home");
        Path output = directory.resolve("agent-output.txt");

        try (AgentProcess agent = AgentProcess.startUnderUmask("022", config(), home, output)) {
            runToEnd(agent);

            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home)))
                    .isEqualTo("rwx------");
            assertThat(home.resolve("logs").resolve("agent.log")).exists();
            assertThat(home.resolve("token")).exists();
            try (Stream<Path> files = Files.walk(home.resolve("outputs"))) {
                assertThat(files.filter(Files::isRegularFile).toList())
                        .as("the big output, spilled")
                        .isNotEmpty();
            }
            try (Stream<Path> files = Files.list(home.resolve("db"))) {
                assertThat(files.toList()).isNotEmpty();
            }
            assertThat(loose(home))
                    .as("paths of the running agent's home open to group or others")
                    .isEmpty();
            assertThat(agent.stop()).isIn(0, 143);
        }
        assertThat(loose(home))
                .as("paths of the stopped agent's home open to group or others")
                .isEmpty();
        assertThat(Files.readString(output)).doesNotContain("tightened");
    }

    @Test
    void aHomeLeftOpenByAnEarlierVersionIsTightenedAtStartAndSaysSo() throws Exception {
        Path home = directory.resolve("home");
        Path output = directory.resolve("agent-output.txt");
        try (AgentProcess agent = AgentProcess.startUnderUmask("022", config(), home, output)) {
            assertThat(agent.stop()).isIn(0, 143);
        }
        try (Stream<Path> paths = Files.walk(home)) {
            for (Path path : paths.toList()) {
                Files.setPosixFilePermissions(
                        path, PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        Files.writeString(home.resolve("notes.txt"), "left by a user");
        assertThat(loose(home)).isNotEmpty();

        try (AgentProcess agent = AgentProcess.startUnderUmask("022", config(), home, output)) {
            runToEnd(agent);
            assertThat(loose(home))
                    .as("paths of the home open to group or others")
                    .isEmpty();
            assertThat(Files.readString(output)).contains("tightened the permissions of the agent home " + home);
        }
    }
}
