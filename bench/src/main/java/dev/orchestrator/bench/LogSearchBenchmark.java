package dev.orchestrator.bench;

import dev.orchestrator.agent.Agent;
import dev.orchestrator.agent.JsonMapper;
import dev.orchestrator.agent.store.LogLine;
import dev.orchestrator.agent.store.LogQuery;
import dev.orchestrator.agent.store.RunRecord;
import dev.orchestrator.agent.store.RunStore;
import dev.orchestrator.agent.store.jdbi.Database;
import dev.orchestrator.agent.store.jdbi.JdbiHistorySearch;
import dev.orchestrator.agent.store.jdbi.JdbiRunStore;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TriggerKind;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Log search over 1,000,000 stored log lines in the embedded H2 file database: the first page (50 lines,
 * newest first, with the total) of text queries of different selectivity, through the store as the API
 * uses it; then the export of 100,000 matching rows through a whole agent's HTTP API, streamed, with the
 * heap measured. Targets: first page ≤ 200 ms; export ≤ 3 s with flat memory.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.orchestrator.bench.LogSearchBenchmark</pre>
 */
public final class LogSearchBenchmark {

    private static final int LINES = 1_000_000;
    private static final int LINES_PER_RUN = 1_000;
    private static final String[] WORDS = ("read wrote rows from to file table partition customer order orders "
                    + "invoice refund region north south east west batch chunk retry connection opened closed query "
                    + "took ms seconds bytes upload download http status ok accepted warning skipped duplicate key value "
                    + "schema column null parsed json csv parquet bucket object stored cache hit miss")
            .split(" ");

    private LogSearchBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path directory = Files.createTempDirectory("log-search-bench");
        Path home = directory.resolve("home");
        fill(home.resolve("db"));
        try (var files = Files.walk(home.resolve("db"))) {
            System.out.printf(
                    "database file: %.0f MB%n",
                    files.filter(Files::isRegularFile)
                                    .mapToLong(path -> path.toFile().length())
                                    .sum()
                            / 1e6);
        }
        searchPages(home.resolve("db"));
        exportThroughTheApi(directory, home);
    }

    /** 1,000 runs of 1,000 lines; "timeout" in 1 line of 100, "deadlock" in 1 of 10,000, "orders" often. */
    private static void fill(Path database) {
        Random random = new Random(42);
        try (Database db = Database.embedded(database)) {
            RunStore store = new JdbiRunStore(db, JsonMapper.create());
            Instant start = Instant.parse("2026-11-01T00:00:00Z");
            long began = System.nanoTime();
            for (int run = 0; run < LINES / LINES_PER_RUN; run++) {
                String runId = "run_" + run;
                Instant at = start.plusSeconds(run * 600L);
                store.insertRun(
                        new RunRecord(
                                runId,
                                "pipeline_" + (run % 20),
                                RunState.SUCCESS,
                                TriggerKind.SCHEDULE,
                                at.atZone(ZoneOffset.UTC),
                                Map.of(),
                                at,
                                Optional.of(at),
                                Optional.of(at.plusSeconds(60)),
                                Optional.empty(),
                                Optional.empty(),
                                0,
                                "bench"),
                        List.of("load"));
                List<LogLine> lines = new ArrayList<>(LINES_PER_RUN);
                for (int i = 0; i < LINES_PER_RUN; i++) {
                    lines.add(LogLine.of(
                            runId, "load", 1, i % 50 == 0 ? "WARN" : "INFO", at.plusMillis(i * 50L), message(random)));
                }
                store.appendLogs(lines);
            }
            double seconds = (System.nanoTime() - began) / 1e9;
            System.out.printf(
                    "stored %,d log lines with their word index in %.1f s (%,.0f lines/s)%n",
                    LINES, seconds, LINES / seconds);
        }
    }

    private static String message(Random random) {
        StringBuilder text = new StringBuilder();
        int words = 6 + random.nextInt(8);
        for (int i = 0; i < words; i++) {
            text.append(WORDS[random.nextInt(WORDS.length)])
                    .append(i % 3 == 2 ? " " + random.nextInt(100_000) : "")
                    .append(' ');
        }
        if (random.nextInt(100) == 0) {
            text.append("timeout after 30 s waiting for lock");
        }
        if (random.nextInt(10_000) == 0) {
            text.append("deadlock detected on table orders_archive");
        }
        return text.toString().strip();
    }

    private static void searchPages(Path database) {
        try (Database db = Database.embedded(database)) {
            JdbiHistorySearch search = new JdbiHistorySearch(db, JsonMapper.create());
            for (String text : List.of("deadlock", "timeout", "timeout after 30", "refund", "parquet bucket")) {
                LogQuery query = new LogQuery(
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of(text),
                        Optional.empty());
                List<Long> millis = new ArrayList<>();
                long total = 0;
                for (int round = 0; round < 15; round++) {
                    long began = System.nanoTime();
                    total = search.findLogEntries(query, 1, 50).total();
                    if (round >= 5) {
                        millis.add((System.nanoTime() - began) / 1_000_000);
                    }
                }
                Collections.sort(millis);
                System.out.printf(
                        "q=%-18s %,9d matches: first page in median %d ms, max %d ms%n",
                        "\"" + text + "\"", total, millis.get(millis.size() / 2), millis.get(millis.size() - 1));
            }
        }
    }

    private static void exportThroughTheApi(Path directory, Path home) throws Exception {
        Path config = Files.createDirectories(directory.resolve("pipelines"));
        try (Agent agent = BenchAgents.start(home, config, directory.resolve("connectors"), 3650)) {
            String token = Files.readString(home.resolve("token")).strip();
            OkHttpClient client = new OkHttpClient.Builder()
                    .readTimeout(Duration.ofMinutes(2))
                    .build();
            for (int round = 0; round < 3; round++) {
                System.gc();
                Runtime runtime = Runtime.getRuntime();
                long heapBefore = runtime.totalMemory() - runtime.freeMemory();
                long began = System.nanoTime();
                long bytes = 0;
                long rows = 0;
                long peakHeap = heapBefore;
                Request request = new Request.Builder()
                        .url("http://127.0.0.1:" + agent.port() + "/api/v1/logs/export.csv?q=refund")
                        .header("Authorization", "Bearer " + token)
                        .build();
                try (Response response = client.newCall(request).execute();
                        InputStream in = response.body().byteStream()) {
                    byte[] buffer = new byte[64 * 1024];
                    for (int read; (read = in.read(buffer)) > 0; ) {
                        bytes += read;
                        for (int i = 0; i < read; i++) {
                            rows += buffer[i] == '\n' ? 1 : 0;
                        }
                        peakHeap = Math.max(peakHeap, runtime.totalMemory() - runtime.freeMemory());
                    }
                }
                double seconds = (System.nanoTime() - began) / 1e9;
                System.out.printf(
                        "export of q=refund: %,d rows (header included), %.1f MB in %.2f s; heap %d MB "
                                + "before, at most %d MB while streaming (max heap %d MB)%n",
                        rows, bytes / 1e6, seconds, heapBefore >> 20, peakHeap >> 20, runtime.maxMemory() >> 20);
            }
        }
    }
}
