package dev.orchestrator.bench;

import dev.orchestrator.agent.Agent;
import dev.orchestrator.agent.store.RunDetail;
import dev.orchestrator.agent.store.TaskRunRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The HTTP API under load, against a whole agent in this JVM (embedded H2 file database, real Quartz, the
 * JDK's HTTP server on loopback), with OkHttp as the client:
 * <ul>
 *   <li>{@code POST /trigger/{id}} to the first task started (its attempt's recorded start), over 200
 *   triggers after 50 to warm up: target p50 ≤ 2 ms, p99 ≤ 10 ms (the Python original: 6.4–6.8 ms p50);</li>
 *   <li>{@code GET /pipelines} with 500 pipelines from 16 connections for 10 s after 3 s of warm-up:
 *   target ≥ 5,000 requests/s.</li>
 * </ul>
 * Client and agent share the machine's cores, as they do on a laptop.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.orchestrator.bench.ApiBenchmark</pre>
 */
public final class ApiBenchmark {

    private static final MediaType JSON = MediaType.get("application/json");
    private static final int PIPELINES = 500;
    private static final int CONNECTIONS = 16;

    private ApiBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path directory = Files.createTempDirectory("api-bench");
        Path config = Files.createDirectories(directory.resolve("pipelines"));
        StringBuilder yaml = new StringBuilder("""
                pipelines:
                  - id: trigger_me
                    tasks:
                      - { id: first, connector: shell, action: run, action_kwargs: { command: "true" } }
                """);
        for (int i = 0; i < PIPELINES - 1; i++) {
            yaml.append("  - id: daily_")
                    .append(i)
                    .append("\n    name: Daily load ")
                    .append(i)
                    .append("\n    labels: [bench]\n    schedule: { type: cron, cron_expr: \"")
                    .append(i % 60)
                    .append(" 6 * * *\", timezone: Europe/Berlin }\n")
                    .append(
                            "    tasks:\n      - { id: t, connector: shell, action: run, action_kwargs: { command: \"true\" } }\n");
        }
        Files.writeString(config.resolve("bench.yaml"), yaml);
        try (Agent agent = BenchAgents.start(directory.resolve("home"), config, directory.resolve("connectors"), 30)) {
            while (!agent.schedules().isRunning()) {
                Thread.sleep(50);
            }
            String token =
                    Files.readString(directory.resolve("home").resolve("token")).strip();
            String base = "http://127.0.0.1:" + agent.port();
            triggerToFirstTask(agent, base, token);
            throughput(base, token, "/pipelines", "gzip");
            throughput(base, token, "/pipelines", "identity");
            throughput(base, token, "/health", "identity"); // the server's own ceiling: the smallest answer there is
        }
    }

    private static void triggerToFirstTask(Agent agent, String base, String token) throws Exception {
        OkHttpClient client = new OkHttpClient();
        List<Long> micros = new ArrayList<>();
        List<Long> toRunCreated = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            Request request = new Request.Builder()
                    .url(base + "/trigger/trigger_me")
                    .header("Authorization", "Bearer " + token)
                    .post(RequestBody.create("{}", JSON))
                    .build();
            Instant sent = Instant.now();
            String runId;
            try (Response response = client.newCall(request).execute()) {
                String body = response.body().string();
                runId = body.substring(body.indexOf(":\"") + 2, body.lastIndexOf('"'));
            }
            agent.executor().await(runId, Duration.ofSeconds(30));
            RunDetail detail = agent.runStore().findRun(runId).orElseThrow();
            Instant started = detail.tasks().stream()
                    .map(TaskRunRecord::startedAt)
                    .flatMap(Optional::stream)
                    .min(Instant::compareTo)
                    .orElseThrow();
            if (i >= 50) { // the first 50 warm the JIT, the pools and the caches up
                micros.add(Duration.between(sent, started).toNanos() / 1_000);
                toRunCreated.add(
                        Duration.between(sent, detail.run().createdAt()).toNanos() / 1_000);
            }
        }
        Collections.sort(micros);
        Collections.sort(toRunCreated);
        System.out.printf(
                "POST /trigger -> first task started, %d triggers: p50 %.2f ms, p90 %.2f ms, "
                        + "p99 %.2f ms, max %.2f ms%n",
                micros.size(),
                percentile(micros, 50) / 1000.0,
                percentile(micros, 90) / 1000.0,
                percentile(micros, 99) / 1000.0,
                micros.get(micros.size() - 1) / 1000.0);
        System.out.printf(
                "  of which request sent -> run being created (HTTP, routing): p50 %.2f ms, p99 %.2f ms%n",
                percentile(toRunCreated, 50) / 1000.0, percentile(toRunCreated, 99) / 1000.0);
    }

    private static void throughput(String base, String token, String path, String encoding) throws Exception {
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(CONNECTIONS);
        dispatcher.setMaxRequestsPerHost(CONNECTIONS);
        OkHttpClient client = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(CONNECTIONS, 1, TimeUnit.MINUTES))
                .build();
        Request request = new Request.Builder()
                .url(base + path)
                .header("Authorization", "Bearer " + token)
                .header("Accept-Encoding", encoding)
                .build();
        long bytes;
        try (Response response = client.newCall(request).execute()) {
            bytes = response.body().bytes().length;
        }
        AtomicBoolean counting = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong answered = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < CONNECTIONS; i++) {
            Thread thread = new Thread(() -> {
                while (!stop.get()) {
                    byte[] sink = new byte[64 * 1024];
                    try (Response response = client.newCall(request).execute();
                            java.io.InputStream in = encoding.equals("gzip")
                                    ? new java.util.zip.GZIPInputStream(
                                            response.body().byteStream(), 16 * 1024)
                                    : response.body().byteStream()) {
                        while (in.read(sink) > 0) {
                            // read to the end, as a client must, into one reused buffer
                        }
                        if (response.code() != 200) {
                            failed.incrementAndGet();
                        } else if (counting.get()) {
                            answered.incrementAndGet();
                        }
                    } catch (java.io.IOException e) {
                        failed.incrementAndGet();
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        Thread.sleep(3_000);
        counting.set(true);
        long start = System.nanoTime();
        Thread.sleep(10_000);
        counting.set(false);
        double seconds = (System.nanoTime() - start) / 1e9;
        stop.set(true);
        for (Thread thread : threads) {
            thread.join();
        }
        System.out.printf(
                "GET %s (%d pipelines, %d bytes per answer, Accept-Encoding: %s), %d connections: "
                        + "%.0f requests/s (%d in %.1f s, %d failed)%n",
                path,
                PIPELINES,
                bytes,
                encoding,
                CONNECTIONS,
                answered.get() / seconds,
                answered.get(),
                seconds,
                failed.get());
    }

    private static long percentile(List<Long> sorted, int percent) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
    }
}
