package dev.orchestrator.bench;

import dev.orchestrator.agent.Agent;
import dev.orchestrator.agent.store.jdbi.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The dashboard figures ({@code GET /api/v1/stats}) and the run list's text search ({@code GET /api/v1/runs?q=})
 * over 1,000,000 runs in the embedded H2 file database, through a whole agent's HTTP API. The runs are written
 * with one {@code INSERT ... SELECT} (seconds, not the engine's pace): 31 days of runs, about 1,340 an hour, of
 * 200 pipelines; one run in 20 failed with a reason, one in 20 crashed, one in 20 cancelled, and one run failed with
 * a reason no other has; the oldest 3,000 runs are of a pipeline no newer run has, the 3,000 after them failed with a
 * reason no newer run has. Run ids as the agent makes them ({@code run_20261016_133455_0f93095fc840}: creation time
 * and 48 bits that look random). Target: each request ≤ 100 ms, whatever the text searched for.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.orchestrator.bench.RunHistoryScaleBenchmark</pre>
 */
public final class RunHistoryScaleBenchmark {

    private static final int RUNS = 1_000_000;
    private static final Instant START = Instant.parse("2026-10-01T00:00:00Z");
    private static final Duration SPAN = Duration.ofDays(31);
    private static final int ROUNDS = 15;
    private static final int WARM_UP = 5;
    /** The number of the run searched for by its id, and the one with a reason of its own. */
    private static final int RARE = 421_337;
    /** The first runs, all a month old: this many of pipeline "archived_etl", then as many failed for "legacy". */
    private static final int OLD = 3_000;

    private RunHistoryScaleBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path directory = Files.createTempDirectory("run-history-bench");
        Path home = directory.resolve("home");
        String rare = fill(home.resolve("db"));
        Path config = Files.createDirectories(directory.resolve("pipelines"));
        try (Agent agent = BenchAgents.start(home, config, directory.resolve("connectors"), 3650)) {
            String token = Files.readString(home.resolve("token")).strip();
            OkHttpClient client = new OkHttpClient.Builder()
                    .readTimeout(Duration.ofMinutes(2))
                    .build();
            Instant end = START.plus(SPAN);
            for (Duration range : List.of(Duration.ofHours(24), Duration.ofDays(7), Duration.ofDays(31))) {
                measure(
                        client,
                        agent.port(),
                        token,
                        "/api/v1/stats",
                        Map.of("from", end.minus(range).toString(), "to", end.toString()),
                        "stats, last " + range.toHours() + " h");
            }
            measure(
                    client,
                    agent.port(),
                    token,
                    "/api/v1/stats",
                    Map.of(
                            "from",
                            end.minus(Duration.ofDays(7)).toString(),
                            "to",
                            end.toString(),
                            "pipeline",
                            "pipeline_17"),
                    "stats, 7 days, one pipeline");
            String hex = rare.substring(rare.lastIndexOf('_') + 1);
            Map<String, String> texts = new java.util.LinkedHashMap<>();
            texts.put("pipeline_17", "pipeline id piece");
            texts.put("connection reset", "reason piece");
            texts.put("out of disk", "rare reason");
            texts.put("pipeline_999", "absent pipeline");
            texts.put("archived_etl", "old pipeline");
            texts.put("legacy schema", "old reason");
            texts.put(rare, "whole run id");
            texts.put(hex, "hex suffix");
            texts.put(hex.substring(0, 6), "hex suffix start");
            texts.put(rare.substring(4, 19), "date_time");
            texts.put(rare.substring(13, 19), "time part");
            texts.put(rare.substring(4, 15), "date_hour");
            texts.put(rare.substring(4, 12), "date part");
            texts.put(hex.substring(3, 9), "inside the hex");
            texts.put("no such thing", "absent");
            for (Map.Entry<String, String> text : texts.entrySet()) {
                measure(
                        client,
                        agent.port(),
                        token,
                        "/api/v1/runs",
                        Map.of("q", text.getKey()),
                        "runs?q=" + text.getKey() + " (" + text.getValue() + ")");
            }
            measure(client, agent.port(), token, "/api/v1/runs", Map.of(), "runs (no q)");
        }
    }

    /**
     * One statement: H2 makes the million rows from a number range.
     *
     * @return the id of run number {@link #RARE} (the one with a reason of its own), read back as a user copies it
     */
    private static String fill(Path database) throws Exception {
        long began = System.nanoTime();
        long stepMillis = SPAN.toMillis() / RUNS;
        try (Database db = Database.embedded(database)) {
            db.jdbi()
                    .useHandle(handle -> handle.createUpdate("""
                    INSERT INTO runs (run_id, pipeline_id, status, trigger_kind, logical_time, time_zone, params,
                        created_at, started_at, finished_at, reason, parent_run_id, trigger_depth, agent_id)
                    SELECT 'run_' || FORMATDATETIME(T, 'yyyyMMdd_HHmmss') || '_' || RIGHT(LOWER(RAWTOHEX(
                            CAST(CAST(MOD(X * 2654435761, 281474976710656) AS BIGINT) AS BINARY(8)))), 12),
                        CASE WHEN X < :old THEN 'archived_etl' ELSE 'pipeline_' || MOD(X, 200) END,
                        CASE WHEN X = :rare OR X BETWEEN :old AND 2 * :old - 1 THEN 'failed'
                            ELSE CASE MOD(X, 20) WHEN 0 THEN 'failed'
                            WHEN 1 THEN 'crashed' WHEN 2 THEN 'cancelled' ELSE 'success' END END,
                        'schedule', T, 'UTC', '{}', T, DATEADD(SECOND, 1, T), DATEADD(SECOND, 11 + MOD(X, 300), T),
                        CASE WHEN X = :rare THEN 'failed tasks: export (out of disk space on /scratch)'
                            WHEN X BETWEEN :old AND 2 * :old - 1 THEN 'failed tasks: load (legacy schema drift)'
                            ELSE CASE MOD(X, 20) WHEN 0 THEN 'failed tasks: load (connection reset by peer after '
                            || MOD(X, 90) || ' s)' WHEN 1 THEN 'agent vm-3 stopped while this was running' END END,
                        NULL, 0, 'bench'
                    FROM (SELECT X, DATEADD(MILLISECOND, X * :step, CAST(:start AS TIMESTAMP WITH TIME ZONE)) AS T
                          FROM SYSTEM_RANGE(0, :last)) numbers""")
                            .bind("step", stepMillis)
                            .bind("start", START.toString().replace("T", " ").replace("Z", "+00"))
                            .bind("last", RUNS - 1)
                            .bind("rare", RARE)
                            .bind("old", OLD)
                            .execute());
            // the runs were written behind the store's back: their hours' sums as the migration makes them
            String migration;
            try (var script = Database.class.getResourceAsStream("/db/migration/V14__run_hours.sql")) {
                migration = new String(script.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
            db.jdbi().useTransaction(handle -> {
                for (String statement : migration.replaceAll("(?m)^--.*$", "").split(";")) {
                    if (statement.strip().startsWith("INSERT")) {
                        handle.execute(statement);
                    }
                }
            });
            // and the run search's index, as the migration makes it
            db.jdbi()
                    .useHandle(handle ->
                            dev.orchestrator.agent.store.jdbi.migration.V15__Run_search.fill(handle.getConnection()));
            db.jdbi().useHandle(handle -> handle.execute("ANALYZE"));
            System.out.printf(
                    "inserted %,d runs over %d days in %.1f s%n",
                    RUNS, SPAN.toDays(), (System.nanoTime() - began) / 1e9);
            return db.jdbi()
                    .withHandle(handle -> handle.createQuery(
                                    "SELECT run_id FROM runs WHERE reason LIKE '%out of disk space%'")
                            .mapTo(String.class)
                            .one());
        }
    }

    private static void measure(
            OkHttpClient client, int port, String token, String path, Map<String, String> parameters, String label)
            throws Exception {
        HttpUrl.Builder url = new HttpUrl.Builder()
                .scheme("http")
                .host("127.0.0.1")
                .port(port)
                .encodedPath(path);
        parameters.forEach(url::addQueryParameter);
        Request request = new Request.Builder()
                .url(url.build())
                .header("Authorization", "Bearer " + token)
                .build();
        List<Long> millis = new ArrayList<>();
        String summary = "";
        for (int round = 0; round < ROUNDS; round++) {
            long began = System.nanoTime();
            try (Response response = client.newCall(request).execute()) {
                String body = response.body().string();
                if (response.code() != 200) {
                    throw new IllegalStateException(label + ": HTTP " + response.code() + ": " + body);
                }
                if (round >= WARM_UP) {
                    millis.add((System.nanoTime() - began) / 1_000_000);
                }
                summary = body.replaceAll("(?s).*\"total\"\\s*:\\s*(\\d+).*", "total $1");
            }
        }
        Collections.sort(millis);
        System.out.printf(
                "%-60s median %5d ms, max %5d ms (%s)%n",
                label,
                millis.get(millis.size() / 2),
                millis.get(millis.size() - 1),
                summary.length() > 40 ? "" : summary);
    }
}
