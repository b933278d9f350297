package dev.orchestrator.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.orchestrator.agent.cli.common.ExitCodes;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code orchestrator ping} with the built-ins' own checks: a real HTTP server on loopback, up and then down, a
 * real directory, real programs on disk, and a plugin connector without a ping.
 */
class PingCommandTest {

    @TempDir
    Path directory;

    private HttpServer server;
    private Path config;
    private Path plugins;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // any answer, even a 404 from a base URL that has no page, means the server is there
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
        config = Files.createDirectories(directory.resolve("pipelines"));
        Files.createDirectories(config.resolve("data"));
        plugins = Files.createDirectories(directory.resolve("connectors"));
        Files.writeString(plugins.resolve("Silent.java"), """
                import dev.orchestrator.connector.Connector;

                @Connector("silent")
                public class Silent {
                    public String say(String text) {
                        return text;
                    }
                }
                """);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private record Result(int exitCode, String out) {}

    private Result ping() {
        StringWriter out = new StringWriter();
        CommandLine commandLine = Main.newCommandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(new StringWriter()));
        int exitCode = commandLine.execute("ping", "--config", config.toString(), "--plugins", plugins.toString());
        return new Result(exitCode, out.toString());
    }

    private void writePipeline(String shellCommand) throws IOException {
        Files.writeString(
                config.resolve("p.yaml"), """
                pipelines:
                  - id: p
                    tasks:
                      - id: call
                        connector: http_api
                        connector_config: { base_url: "http://127.0.0.1:%d/api/" }
                        action: fetch
                        action_kwargs: { endpoint: /orders }
                      - id: keep
                        connector: csv_file
                        connector_config: { base_dir: data }
                        action: push
                        action_kwargs: { path: out.csv }
                      - id: script
                        connector: shell
                        action: run
                        action_kwargs: { command: %s }
                      - id: quiet
                        connector: silent
                        action: say
                        action_kwargs: { text: hi }
                """.formatted(server.getAddress().getPort(), shellCommand));
    }

    @Test
    void everyBuiltInChecksWhatItTalksToAndAPluginWithoutPingIsCountedAsNotCheckable() throws IOException {
        writePipeline("\"" + javaExecutable() + " -version\"");

        Result result = ping();

        assertThat(result.exitCode()).as(result.out()).isZero();
        assertThat(result.out())
                .containsPattern("p/call\\s+http_api\\s+ok")
                .containsPattern("p/keep\\s+csv_file\\s+ok")
                .containsPattern("p/script\\s+shell\\s+ok")
                .containsPattern("p/quiet\\s+silent\\s+not checkable")
                .contains("OK: 3 checked, 1 not checkable");
    }

    @Test
    void aStoppedHttpServerAMissingDirectoryAndAMissingProgramFailAndTheSummaryNeverSaysOk() throws IOException {
        writePipeline("no-such-program-" + ProcessHandle.current().pid() + " --now");
        server.stop(0);
        Files.delete(config.resolve("data"));

        Result result = ping();

        assertThat(result.exitCode()).as(result.out()).isEqualTo(ExitCodes.FAILED);
        assertThat(result.out())
                .containsPattern("p/call\\s+http_api\\s+failed")
                .containsPattern("p/keep\\s+csv_file\\s+failed\\s+.*data")
                .containsPattern("p/script\\s+shell\\s+failed\\s+.*no-such-program")
                .contains("FAILED: 3 of 3 checked not reachable, 1 not checkable")
                .doesNotContain("OK");
    }

    @Test
    void aShellTaskWhoseProgramCannotBeToldIsNotCheckableAndNothingCheckedIsNotOk() throws IOException {
        Files.writeString(config.resolve("p.yaml"), """
                pipelines:
                  - id: p
                    tasks:
                      - { id: script, connector: shell, action: run, action_kwargs: { args: [x] } }
                      - { id: quiet, connector: silent, action: say, action_kwargs: { text: hi } }
                """);

        Result result = ping();

        assertThat(result.exitCode()).as(result.out()).isZero();
        assertThat(result.out())
                .containsPattern("p/script\\s+shell\\s+not checkable")
                .contains("NOTHING CHECKED: 2 not checkable")
                .doesNotContain("OK");
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()
                .replace('\\', '/');
    }
}
