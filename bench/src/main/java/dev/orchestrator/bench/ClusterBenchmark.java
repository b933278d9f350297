package dev.orchestrator.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scale-out throughput (SPEC 11): two agents, each its own JVM ({@code orchestrator run --db-url
 * jdbc:postgresql://...}), on one embedded PostgreSQL 17, and a client sending {@code POST /trigger/{id}} of a
 * two-task pipeline (a then b, both no-op, from a single-file connector plugin) to the two agents in turn, at a
 * steady rate. Each step runs one rate for a while; trigger-to-finish is the run's recorded end minus the
 * moment its request was sent (one machine, one clock). The result is the highest rate whose p99 stays within
 * 250 ms with every run successful: executions per minute. (A published peer: 1,500/min on 4 vCPU with
 * PostgreSQL.)
 *
 * <p>Everything shares the machine's cores: PostgreSQL, both agents, the client. PostgreSQL runs with
 * {@code synchronous_commit=on}, as a production server would (zonky's default is off).
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.orchestrator.bench.ClusterBenchmark [seconds per step] [rates per minute...]</pre>
 */
public final class ClusterBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long P99_TARGET_MILLIS = 250;
    private static final String NOOP_PLUGIN = """
            import dev.orchestrator.connector.Connector;

            /** Does nothing: the benchmark measures the agents and their shared database. */
            @Connector(value = "noop", threadSafe = true)
            public class Noop {

                public Object nothing() {
                    return null;
                }
            }
            """;
    private static final String PIPELINE = """
            pipelines:
              - id: two_tasks
                schedule: { max_instances: 1000 }
                tasks:
                  - { id: a, connector: noop, action: nothing }
                  - { id: b, connector: noop, action: nothing, depends_on: [a] }
            """;

    private ClusterBenchmark() {}

    public static void main(String[] args) throws Exception {
        int stepSeconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        List<Integer> rates = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            rates.add(Integer.parseInt(args[i]));
        }
        if (rates.isEmpty()) {
            rates.addAll(List.of(1_500, 6_000, 12_000, 18_000, 24_000, 30_000, 33_000, 36_000));
        }
        Path directory = Files.createTempDirectory("cluster-bench");
        Path config = Files.createDirectories(directory.resolve("pipelines"));
        Path plugins = Files.createDirectories(directory.resolve("connectors"));
        Files.writeString(config.resolve("bench.yaml"), PIPELINE);
        Files.writeString(plugins.resolve("Noop.java"), NOOP_PLUGIN);
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("max_connections", "300")
                .setPGStartupWait(Duration.ofSeconds(60))
                .start()) {
            try (Connection connection = postgres.getPostgresDatabase().getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE orchestrator");
            }
            String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/orchestrator?user=postgres";
            List<ClusterAgent> agents = new ArrayList<>();
            try {
                for (int i = 1; i <= 2; i++) {
                    agents.add(ClusterAgent.start(directory, config, plugins, url, "agent-" + i));
                }
                System.out.printf("two agents up on PostgreSQL %s; %d s per step%n", postgres.getPort(), stepSeconds);
                Client client = new Client(agents);
                client.step(600, 20, postgres); // warm-up: JIT, pools, plugin classes
                List<String> results = new ArrayList<>();
                int best = 0;
                for (int rate : rates) {
                    Step step = client.step(rate, stepSeconds, postgres);
                    results.add(step.toString());
                    System.out.println(step);
                    if (step.meetsTarget()) {
                        best = Math.max(best, rate);
                    } else if (step.p99() > 4 * P99_TARGET_MILLIS) {
                        break; // far past saturation: higher rates only queue more
                    }
                }
                System.out.println();
                results.forEach(System.out::println);
                System.out.printf(
                        "%nhighest rate with p99 trigger-to-finish <= %d ms and every run successful: "
                                + "%,d executions per minute%n",
                        P99_TARGET_MILLIS, best);
            } finally {
                agents.forEach(ClusterAgent::close);
            }
        }
    }

    /** One rate held for a while, and what came of it. */
    private record Step(
            int ratePerMinute,
            int seconds,
            int triggered,
            int failedRequests,
            int succeeded,
            List<Long> millis,
            Map<String, Integer> perAgent,
            double achievedPerMinute) {

        long percentile(int percent) {
            return millis.isEmpty()
                    ? Long.MAX_VALUE
                    : millis.get(Math.min(millis.size() - 1, (int) Math.ceil(percent / 100.0 * millis.size()) - 1));
        }

        long p99() {
            return percentile(99);
        }

        boolean meetsTarget() {
            return failedRequests == 0 && succeeded == triggered && p99() <= P99_TARGET_MILLIS;
        }

        @Override
        public String toString() {
            return String.format(
                    "%,6d/min for %d s: %,d triggered (%.0f/min achieved), %d requests failed, %d runs "
                            + "succeeded; trigger-to-finish p50 %d ms, p90 %d ms, p99 %d ms, max %d ms; runs per agent "
                            + "%s%s",
                    ratePerMinute,
                    seconds,
                    triggered,
                    achievedPerMinute,
                    failedRequests,
                    succeeded,
                    percentile(50),
                    percentile(90),
                    p99(),
                    millis.isEmpty() ? 0 : millis.get(millis.size() - 1),
                    perAgent,
                    meetsTarget() ? "  [meets target]" : "  [misses target]");
        }
    }

    /** Sends triggers at a steady rate, to the agents in turn, and reads their runs' ends from the database. */
    private static final class Client {

        private final List<ClusterAgent> agents;
        // daemon threads: the benchmark's JVM ends when main does
        private final HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(4, work -> {
                    Thread thread = new Thread(work, "client");
                    thread.setDaemon(true);
                    return thread;
                }))
                .build();

        Client(List<ClusterAgent> agents) {
            this.agents = agents;
        }

        Step step(int ratePerMinute, int seconds, EmbeddedPostgres postgres) throws Exception {
            int total = ratePerMinute * seconds / 60;
            long intervalNanos = 60_000_000_000L / ratePerMinute;
            Map<String, Instant> sentByRun = new ConcurrentHashMap<>();
            AtomicInteger failed = new AtomicInteger();
            CountDownLatch answered = new CountDownLatch(total);
            ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(work -> {
                Thread thread = new Thread(work, "sender");
                thread.setDaemon(true);
                return thread;
            });
            AtomicInteger next = new AtomicInteger();
            long started = System.nanoTime();
            sender.scheduleAtFixedRate(
                    () -> {
                        int index = next.getAndIncrement();
                        if (index >= total) {
                            return;
                        }
                        ClusterAgent agent = agents.get(index % agents.size());
                        Instant sent = Instant.now();
                        http.sendAsync(agent.trigger("two_tasks"), HttpResponse.BodyHandlers.ofString())
                                .whenComplete((response, error) -> {
                                    try {
                                        if (error != null || response.statusCode() != 200) {
                                            failed.incrementAndGet();
                                        } else {
                                            sentByRun.put(
                                                    JSON.readTree(response.body())
                                                            .get("run_id")
                                                            .asText(),
                                                    sent);
                                        }
                                    } catch (IOException e) {
                                        failed.incrementAndGet();
                                    } finally {
                                        answered.countDown();
                                    }
                                });
                    },
                    0,
                    intervalNanos,
                    TimeUnit.NANOSECONDS);
            answered.await(seconds + 120L, TimeUnit.SECONDS);
            double sendingSeconds = (System.nanoTime() - started) / 1e9;
            sender.shutdownNow();
            // the runs may still be going: wait until each has ended (or a minute has passed)
            Map<String, Finished> ends = awaitEnds(postgres, sentByRun.keySet(), Duration.ofSeconds(60));
            List<Long> millis = new ArrayList<>();
            Map<String, Integer> perAgent = new TreeMap<>();
            int succeeded = 0;
            for (Map.Entry<String, Instant> run : sentByRun.entrySet()) {
                Finished end = ends.get(run.getKey());
                if (end == null) {
                    continue;
                }
                millis.add(Duration.between(run.getValue(), end.at()).toMillis());
                perAgent.merge(end.agentId(), 1, Integer::sum);
                succeeded += end.status().equals("success") ? 1 : 0;
            }
            Collections.sort(millis);
            return new Step(
                    ratePerMinute,
                    seconds,
                    total,
                    failed.get(),
                    succeeded,
                    millis,
                    perAgent,
                    sentByRun.size() / sendingSeconds * 60);
        }

        private record Finished(String status, Instant at, String agentId) {}

        private static Map<String, Finished> awaitEnds(
                EmbeddedPostgres postgres, java.util.Set<String> runIds, Duration limit) throws Exception {
            long deadline = System.nanoTime() + limit.toNanos();
            Map<String, Finished> ends = new ConcurrentHashMap<>();
            try (Connection connection =
                            postgres.getDatabase("postgres", "orchestrator").getConnection();
                    PreparedStatement query =
                            connection.prepareStatement("SELECT run_id, status, finished_at, agent_id "
                                    + "FROM runs WHERE run_id = ANY (?) AND finished_at IS NOT NULL")) {
                while (ends.size() < runIds.size() && System.nanoTime() < deadline) {
                    List<String> open =
                            runIds.stream().filter(id -> !ends.containsKey(id)).toList();
                    query.setArray(1, connection.createArrayOf("varchar", open.toArray()));
                    try (ResultSet rows = query.executeQuery()) {
                        while (rows.next()) {
                            ends.put(
                                    rows.getString(1),
                                    new Finished(
                                            rows.getString(2),
                                            rows.getObject(3, OffsetDateTime.class)
                                                    .toInstant(),
                                            rows.getString(4)));
                        }
                    }
                    if (ends.size() < runIds.size()) {
                        Thread.sleep(500);
                    }
                }
            }
            return ends;
        }
    }
}
