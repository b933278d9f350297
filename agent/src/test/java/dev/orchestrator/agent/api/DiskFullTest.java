package dev.orchestrator.agent.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.agent.schedule.RunningAgentAccess;
import dev.orchestrator.model.RunState;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A whole agent whose home is a small tmpfs, filled up until the disk is full: the API says so, {@code /health}
 * answers 503, and once space is freed the agent works again by itself. Needs root, for the mount.
 */
class DiskFullTest {

    private static final MediaType JSON = MediaType.get("application/json");

    private final OkHttpClient http =
            new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(60)).build();
    private final ObjectMapper json = new ObjectMapper();
    private Path directory;
    private Path home;
    private boolean mounted;
    private RunningAgentAccess agent;
    private String token;

    @BeforeEach
    void mountASmallHome() throws Exception {
        assumeTrue(
                "root".equals(System.getProperty("user.name")),
                "mounting a small tmpfs as the agent home needs root; this runs as " + System.getProperty("user.name"));
        directory = Files.createTempDirectory("disk-full");
        home = Files.createDirectories(directory.resolve("home"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=30m", "tmpfs", home.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(mount.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        mounted = mount.waitFor(30, TimeUnit.SECONDS) && mount.exitValue() == 0;
        assumeTrue(mounted, "could not mount a tmpfs at " + home + " (" + output.strip() + "): not allowed here");
        agent = new RunningAgentAccess(directory);
        agent.write("pipelines.yaml", """
                pipelines:
                  - id: small
                    tasks:
                      - { id: t, connector: shell, action: run, action_kwargs: { command: "true" } }
                """);
        agent.start();
        token = Files.readString(home.resolve("token")).strip();
    }

    @AfterEach
    void unmount() throws Exception {
        if (agent != null) {
            agent.close();
        }
        if (mounted) {
            new ProcessBuilder("umount", "-l", home.toString())
                    .inheritIO()
                    .start()
                    .waitFor(30, TimeUnit.SECONDS);
        }
        if (directory != null) {
            try (var files = Files.walk(directory)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void aFullDiskIsReportedByTheApiAndHealthAndTheAgentRecoversOnceSpaceIsFreed() throws Exception {
        assertThat(trigger().status()).isEqualTo(200);
        Path filler = home.resolve("filler");
        fillUp(filler);

        Answer refused =
                awaitAnswer("a trigger to fail on the full disk", this::trigger, answer -> answer.status() != 200);
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.body()).contains("disk full at " + home.resolve("db"));
        Answer health = get("/health");
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.body()).contains("disk full at " + home.resolve("db"));

        Files.delete(filler);

        Answer accepted = awaitAnswer(
                "a trigger to work again once space is freed", this::trigger, answer -> answer.status() == 200);
        String runId = json.readTree(accepted.body()).get("run_id").asText();
        assertThat(agent.awaitEnd(runId)).isEqualTo(RunState.SUCCESS);
        assertThat(get("/health").status()).isEqualTo(200);
    }

    /** Writes until the file system refuses, then leaves the file at that size. */
    private static void fillUp(Path filler) throws IOException {
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException e) {
            assertThat(e.getMessage()).contains("No space left on device");
        }
    }

    private Answer awaitAnswer(String what, Supplier<Answer> ask, java.util.function.Predicate<Answer> done) {
        return await(what)
                .atMost(Duration.ofSeconds(60))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(200))
                .until(ask::get, done);
    }

    private Answer trigger() {
        return send(new Request.Builder()
                .url(url("/trigger/small"))
                .header("Authorization", "Bearer " + token)
                .post(RequestBody.create("{}", JSON))
                .build());
    }

    private Answer get(String path) {
        return send(new Request.Builder()
                .url(url(path))
                .header("Authorization", "Bearer " + token)
                .build());
    }

    private String url(String path) {
        return "http://127.0.0.1:" + agent.agent().port() + path;
    }

    private Answer send(Request request) {
        try (Response response = http.newCall(request).execute()) {
            return new Answer(response.code(), response.body().string());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("no answer to " + request.url(), e);
        }
    }

    private record Answer(int status, String body) {}
}
