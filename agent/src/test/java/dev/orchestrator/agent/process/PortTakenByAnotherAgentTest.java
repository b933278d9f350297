package dev.orchestrator.agent.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.orchestrator.testsupport.AgentOverHttp;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two builds on one machine: a port chosen free by one build's test may be taken by the other's agent before this
 * one binds it. The other agent then answers {@code /health} on the port while this agent exits with "port N is in
 * use"; a proof run saw a test take that answer for its own agent and fail later on a home the agent never wrote.
 */
class PortTakenByAnotherAgentTest {

    @Test
    void anotherProcessAnsweringHealthOnThePortIsNotTakenForTheAgentThatLostIt(@TempDir Path directory)
            throws IOException {
        HttpServer other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        other.createContext("/health", exchange -> {
            byte[] body = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        other.start();
        try {
            int port = other.getAddress().getPort();
            Path output = directory.resolve("output.txt");
            Files.createFile(output);
            // what the agent does when its port is taken: one line, exit 2
            Process losing = new ProcessBuilder(
                            "/bin/sh",
                            "-c",
                            "sleep 1; echo 'port " + port + " is in use (by pid 1); pass --port'; exit 2")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                    .start();
            Probe agent = new Probe(losing, port, directory.resolve("home"), output);

            assertThatThrownBy(() -> agent.awaitAnswer(Duration.ofSeconds(60)))
                    .hasMessageContaining("exited with 2")
                    .hasMessageContaining("port " + port + " is in use");
            assertThat(agent.lostPort())
                    .as("a start on another port is worth a try")
                    .isTrue();
        } finally {
            other.stop(0);
        }
    }

    /** The harness of the process tests, over a process that is not an agent. */
    private static final class Probe extends AgentOverHttp {

        Probe(Process process, int port, Path home, Path output) {
            super("the agent", process, port, home, output, Duration.ofSeconds(2), Duration.ofSeconds(5));
        }

        void awaitAnswer(Duration ceiling) throws IOException {
            awaitHealthy(ceiling);
        }

        boolean lostPort() throws IOException {
            return lostItsPort();
        }
    }
}
