package dev.orchestrator.agent.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.api.Role;
import dev.orchestrator.secret.SecretMasker;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a client that misbehaves on the wire gets: requests that stall are closed after the idle timeout without
 * keeping threads, and requests the server refuses before any route runs are answered in the API's JSON.
 */
class ApiServerLimitsTest {

    private static final String TOKEN = "t".repeat(40);
    private static final Duration IDLE = Duration.ofSeconds(1);

    private final ObjectMapper json = new ObjectMapper();
    private ApiServer server;

    @BeforeEach
    void start() throws IOException {
        server = ApiServer.start(
                "127.0.0.1",
                0,
                Optional.empty(),
                new ApiServer.Limits(IDLE, 8 * 1024, 50),
                TOKEN,
                List.of(
                        Route.get("/ping", request -> Map.of("pong", true)).requires(Role.VIEWER),
                        Route.post("/echo", request -> request.body(Map.class, Map.of()))
                                .requires(Role.VIEWER)),
                json,
                SecretMasker::none);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void unfinishedRequestsAreClosedAfterTheIdleTimeoutAndTheirThreadsFreed() throws Exception {
        assertThat(raw("GET /ping HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + TOKEN
                        + "\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 200");
        int baseline = ManagementFactory.getThreadMXBean().getThreadCount();

        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                Socket socket = new Socket("127.0.0.1", server.port());
                socket.setSoTimeout(60_000);
                // half a header, or a whole header and half the body it announces
                String half = i % 5 == 0
                        ? "POST /echo HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + TOKEN
                                + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"a\": "
                        : "GET /ping HTTP/1.1\r\nHost: local";
                socket.getOutputStream().write(half.getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                stalled.add(socket);
            }
            for (Socket socket : stalled) {
                // the server closes it: the read ends (after at most an error answer) instead of waiting for ever
                InputStream in = socket.getInputStream();
                String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                assertThat(answer.isEmpty() || answer.contains("\"error\""))
                        .as(answer)
                        .isTrue();
            }
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }

        // polled on this thread: a polling thread of its own would count among the threads
        await("the server's threads to end")
                .atMost(Duration.ofSeconds(90))
                .pollInSameThread()
                .pollInterval(Duration.ofMillis(100))
                .until(() -> ManagementFactory.getThreadMXBean().getThreadCount() <= baseline + 2);
        assertThat(ManagementFactory.getThreadMXBean().getThreadCount()).isLessThanOrEqualTo(baseline + 2);
        assertThat(raw("GET /ping HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + TOKEN
                        + "\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 200"); // and it goes on answering
    }

    @Test
    void requestsRefusedBeforeAnyRouteRunsAreAnsweredInJson() throws Exception {
        String auth = "Authorization: Bearer " + TOKEN + "\r\n";
        Map<String, Integer> requests = new LinkedHashMap<>();
        requests.put("GARBAGE\r\n\r\n", 400);
        requests.put("GET /ping HTTP/1.1\r\nHost: localhost\r\nNo colon in this header\r\n\r\n", 400);
        requests.put("GET /%zz HTTP/1.1\r\nHost: localhost\r\n" + auth + "\r\n", 400);
        requests.put("GET /ping?q=%zz HTTP/1.1\r\nHost: localhost\r\n" + auth + "\r\n", 400);
        requests.put("GET /ping HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "x".repeat(20_000) + "\r\n\r\n", 431);
        requests.put("GET /" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n", 414);
        requests.put("GET /ping HTTP/1.1\r\n\r\n", 400); // HTTP/1.1 without Host
        requests.put("POST /echo HTTP/1.1\r\nHost: localhost\r\n" + auth + "Content-Length: abc\r\n\r\n", 400);
        requests.put(
                "POST /echo HTTP/1.1\r\nHost: localhost\r\n" + auth + "Transfer-Encoding: chunked\r\n\r\nzz\r\n", 400);
        requests.put("DELETE /ping HTTP/1.1\r\nHost: localhost\r\n" + auth + "\r\n", 405);
        requests.put("GET /nope HTTP/1.1\r\nHost: localhost\r\n" + auth + "\r\n", 404);
        requests.put("GET /ping HTTP/1.1\r\nHost: localhost\r\n\r\n", 401);
        requests.put("GET /ping HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic abc\r\n\r\n", 401);
        requests.put(
                "POST /echo HTTP/1.1\r\nHost: localhost\r\n" + auth + "Content-Length: 2000000\r\n\r\n"
                        + "x".repeat(2_000_000),
                413);

        requests.forEach((request, status) -> {
            String what = request.substring(0, Math.min(60, request.length())).replace("\r\n", " | ");
            String answer = raw(request);
            assertThat(answer).as(what).startsWith("HTTP/1.1 " + status);
            String head = answer.substring(0, answer.indexOf("\r\n\r\n")).toLowerCase(java.util.Locale.ROOT);
            assertThat(head).as(what).contains("content-type: application/json");
            JsonNode error = readJson(answer.substring(answer.indexOf("\r\n\r\n") + 4), what);
            assertThat(error.get("error").asText()).as(what).isNotBlank();
            assertThat(error.get("message").asText()).as(what).isNotBlank();
            assertThat(error.get("diagnostics").isArray()).as(what).isTrue();
        });
    }

    @Test
    void anUnknownHttpVersionGetsItsOwnErrorCodeAndAMessageNamingTheVersions() {
        for (String version : List.of("HTTP/9.9", "HTTP/2.5")) {
            String answer =
                    raw("GET /ping " + version + "\r\nHost: localhost\r\nAuthorization: Bearer " + TOKEN + "\r\n\r\n");

            assertThat(answer).as(version).startsWith("HTTP/1.1 505");
            JsonNode error = readJson(answer.substring(answer.indexOf("\r\n\r\n") + 4), version);
            assertThat(error.get("error").asText()).as(version).isEqualTo("http_version_not_supported");
            assertThat(error.get("message").asText())
                    .as(version)
                    .contains("HTTP version")
                    .contains("HTTP/1.0 or HTTP/1.1");
        }
    }

    private JsonNode readJson(String body, String what) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new AssertionError(what + ": not JSON: " + body, e);
        }
    }

    /** Sends the bytes as they are and reads the answer until the server closes the connection. */
    private String raw(String request) {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(60_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            socket.shutdownOutput();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("no answer to " + request.substring(0, Math.min(60, request.length())), e);
        }
    }

    @Test
    void clientsThatDripTheirBodiesLoseTheirRequestAndNeverStarveRequestsWithoutOne() throws Exception {
        List<Socket> dripping = new ArrayList<>();
        try {
            for (int i = 0; i < 60; i++) { // more than the server has threads (50)
                Socket socket = new Socket("127.0.0.1", server.port());
                socket.setSoTimeout(60_000);
                socket.getOutputStream()
                        .write(("POST /echo HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + TOKEN
                                        + "\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{")
                                .getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                dripping.add(socket);
            }
            // while they hold on, a request without a body is answered at once
            long started = System.nanoTime();
            assertThat(raw("GET /ping HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + TOKEN
                            + "\r\nConnection: close\r\n\r\n"))
                    .startsWith("HTTP/1.1 200");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(IDLE);
            // the next byte, well under the idle timeout but far below the minimum rate, ends each request
            Thread.sleep(IDLE.toMillis() / 2); // the drip's pause, on purpose: below the idle timeout, above the rate
            for (Socket socket : dripping) {
                try {
                    socket.getOutputStream().write('"');
                    socket.getOutputStream().flush();
                } catch (IOException closedAlready) {
                    // refused as busy and closed before this byte: that is an end too
                }
            }
            for (Socket socket : dripping) {
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(answer.isEmpty() || answer.contains("\"error\""))
                        .as(answer)
                        .isTrue();
                assertThat(answer).doesNotContain("HTTP/1.1 200");
            }
        } finally {
            for (Socket socket : dripping) {
                socket.close();
            }
        }
    }
}
