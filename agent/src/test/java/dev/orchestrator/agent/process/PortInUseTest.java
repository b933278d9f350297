package dev.orchestrator.agent.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.testsupport.IntegrationTest;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** {@code orchestrator run} on a port another program listens on, as its own JVM. */
@IntegrationTest
class PortInUseTest {

    @TempDir
    Path directory;

    @Test
    @EnabledOnOs(OS.LINUX)
    void saysInOneLineThatThePortIsTakenAndByWhichProcessAndExitsTwoAtOnce() throws Exception {
        Path config = Files.createDirectories(directory.resolve("pipelines"));
        Path stdout = directory.resolve("stdout.txt");
        Path stderr = directory.resolve("stderr.txt");
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            long started = System.nanoTime();
            Process agent = new ProcessBuilder(AgentCommandLine.run(config, directory.resolve("home"), port))
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile())
                    .start();
            // a ceiling for a loaded machine; the promise, checked below, is well under the 10 s it took before
            boolean ended = agent.waitFor(60, TimeUnit.SECONDS);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            if (!ended) {
                agent.destroyForcibly().waitFor();
            }

            assertThat(ended)
                    .as("the agent ended; its output:\n%s\n%s", Files.readString(stdout), Files.readString(stderr))
                    .isTrue();
            List<String> errors = Files.readAllLines(stderr);
            assertThat(errors)
                    .as("stdout:\n%s", Files.readString(stdout))
                    .containsExactly("port " + port + " is in use (by pid "
                            + ProcessHandle.current().pid() + "); pass --port");
            assertThat(Files.readString(stdout)).doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(agent.exitValue()).isEqualTo(2);
            assertThat(took).isLessThan(Duration.ofSeconds(10));
            // nothing was started: no database in the home
            assertThat(directory.resolve("home").resolve("db")).doesNotExist();
        }
    }
}
