package dev.orchestrator.bench;

import dev.orchestrator.agent.Agent;
import dev.orchestrator.agent.store.jdbi.Database;
import dev.orchestrator.api.GridCellDto;
import dev.orchestrator.api.GridDto;
import dev.orchestrator.api.GridRowDto;
import dev.orchestrator.api.GridRunDto;
import dev.orchestrator.api.MapCountsDto;
import dev.orchestrator.desktop.client.AgentClient;
import dev.orchestrator.desktop.client.AgentProfile;
import dev.orchestrator.desktop.grid.GridCanvas;
import dev.orchestrator.desktop.grid.GridMatrix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import okhttp3.OkHttpClient;

/**
 * The console's run grid (issue 22). Targets: opening a grid of 200 tasks × 100 runs in ≤ 1 s, and scrolling one
 * of 1,000 tasks × 100 runs at ≥ 30 frames per second (≤ 33 ms a frame).
 *
 * <ul>
 *   <li>open: a whole agent in this JVM (embedded H2 file database) whose history holds 1,000 runs of a pipeline of
 *       200 tasks (one a map of 50 items, one run in eleven failed with three attempts and long error texts) among
 *       5,000 runs, written with {@code INSERT ... SELECT}; measured is what the console does to open the grid:
 *       {@code GET /api/v1/pipelines/{id}/grid?runs=100} through its {@link AgentClient} and the {@link GridMatrix}
 *       built from the answer;
 *   <li>scroll: a {@link GridCanvas} of 1,000 tasks × 100 runs in a 1280 × 800 window, headless (Monocle, the
 *       software renderer); each frame scrolls by a few pixels. "Draw" is the canvas's own work per frame (the
 *       layout pass that paints the visible cells); "frame" adds JavaFX rendering the scene into a snapshot.
 * </ul>
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.orchestrator.bench.GridBenchmark</pre>
 */
public final class GridBenchmark {

    private static final int TASKS = 200;
    private static final int RUNS = 100;
    private static final int SCROLL_TASKS = 1_000;
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 800;
    private static final int WARM_UP = 5;
    private static final int ROUNDS = 15;
    private static final int FRAMES = 240;
    private static final String[] STATES = {
        "success",
        "success",
        "success",
        "success",
        "success",
        "success",
        "failed",
        "upstream_failed",
        "skipped",
        "running",
        "retrying",
        "cancelled"
    };

    private GridBenchmark() {}

    public static void main(String[] args) throws Exception {
        open();
        scroll();
    }

    private static void open() throws Exception {
        Path directory = Files.createTempDirectory("grid-bench");
        Path home = directory.resolve("home");
        fill(home.resolve("db"));
        Path config = Files.createDirectories(directory.resolve("pipelines"));
        StringBuilder yaml = new StringBuilder("pipelines:\n  - id: grid_200\n    tasks:\n");
        for (int task = 0; task < TASKS; task++) {
            yaml.append(String.format(
                    task == 10
                            ? "      - { id: t%03d, for_each: { items: [1, 2] }, connector: shell, action: run,"
                                    + " action_kwargs: { command: \"true\" } }%n"
                            : "      - { id: t%03d, connector: shell, action: run, action_kwargs: { command: \"true\" } }%n",
                    task));
        }
        Files.writeString(config.resolve("grid.yaml"), yaml);
        try (Agent agent = BenchAgents.start(home, config, directory.resolve("connectors"), 3650)) {
            AgentClient client = new AgentClient(
                    new AgentProfile(
                            "bench",
                            "http://127.0.0.1:" + agent.port(),
                            Files.readString(home.resolve("token")).strip()),
                    new OkHttpClient());
            // what the console's session asks when it connects, long before anyone opens a grid: the first grid
            // measured below is the agent's first grid query, not the client's first request
            long connecting = System.nanoTime();
            client.agent();
            client.pipelines();
            client.runs(Map.of(), 1, 100);
            System.out.printf("the console's connect (agent, pipelines, runs): %.0f ms%n", millisSince(connecting));
            List<Double> openMillis = new ArrayList<>();
            List<Double> answerMillis = new ArrayList<>();
            GridMatrix matrix = GridMatrix.EMPTY;
            for (int round = 0; round < WARM_UP + ROUNDS; round++) {
                long start = System.nanoTime();
                GridDto page = client.grid("grid_200", RUNS, 0, 250);
                double answered = millisSince(start);
                matrix = GridMatrix.of("bench", "grid_200", List.of(page));
                openMillis.add(millisSince(start));
                answerMillis.add(answered);
            }
            System.out.printf(
                    "open %d tasks × %d runs (%s): first %.0f ms; warm median %.0f ms, max %.0f ms "
                            + "(of which the answer: median %.0f ms)%n",
                    matrix.rowCount(),
                    matrix.columnCount(),
                    matrix.run(0).runId(),
                    openMillis.get(0),
                    median(openMillis.subList(WARM_UP, openMillis.size())),
                    Collections.max(openMillis.subList(WARM_UP, openMillis.size())),
                    median(answerMillis.subList(WARM_UP, answerMillis.size())));
        }
    }

    /** 5,000 runs, every fifth of pipeline grid_200, whose tasks, attempts and map items are written too. */
    private static void fill(Path database) {
        long began = System.nanoTime();
        try (Database db = Database.embedded(database)) {
            db.jdbi().useTransaction(handle -> {
                handle.execute("""
                        INSERT INTO runs (run_id, pipeline_id, status, trigger_kind, logical_time, time_zone, params,
                            created_at, started_at, finished_at, reason, parent_run_id, trigger_depth, agent_id)
                        SELECT 'run_' || LPAD(CAST(X AS VARCHAR), 6, '0'),
                            CASE WHEN MOD(X, 5) = 0 THEN 'grid_200' ELSE 'other_' || MOD(X, 40) END,
                            CASE WHEN MOD(X, 55) = 15 THEN 'failed' ELSE 'success' END,
                            'schedule', T, 'UTC', '{}', T, T, DATEADD(SECOND, 30, T), NULL, NULL, 0, 'bench'
                        FROM (SELECT X, DATEADD(MINUTE, X * 15, CAST('2026-10-01 00:00:00+00' AS TIMESTAMP WITH TIME ZONE))
                            AS T FROM SYSTEM_RANGE(0, 4999)) numbers""");
                handle.execute("""
                        INSERT INTO task_runs (run_id, task_id, position, status, started_at, finished_at, attempts)
                        SELECT r.run_id, 't' || LPAD(CAST(k.X AS VARCHAR), 3, '0'), k.X,
                            CASE WHEN r.status = 'failed' AND k.X = 120 THEN 'failed'
                                WHEN r.status = 'failed' AND k.X > 120 THEN 'upstream_failed'
                                WHEN MOD(k.X, 37) = 5 THEN 'skipped' ELSE 'success' END,
                            r.started_at, DATEADD(MILLISECOND, 100 + MOD(k.X * 7919, 5000), r.started_at),
                            CASE WHEN r.status = 'failed' AND k.X = 120 THEN 3 ELSE 1 END
                        FROM runs r, SYSTEM_RANGE(0, 199) k WHERE r.pipeline_id = 'grid_200'""");
                handle.execute("""
                        INSERT INTO attempts (run_id, task_id, number, status, started_at, finished_at, duration_ms,
                            error_type, error_message)
                        SELECT t.run_id, t.task_id, n.X, 'failed', t.started_at, t.finished_at, 1000,
                            'ShellCommandFailedException',
                            'connection reset by peer while loading partition ' || n.X || CHAR(10)
                                || REPEAT('at a frame of a long stack ', 2000)
                        FROM task_runs t, SYSTEM_RANGE(1, 3) n WHERE t.status = 'failed'""");
                handle.execute("""
                        INSERT INTO attempts (run_id, task_id, number, status, started_at, finished_at, duration_ms)
                        SELECT run_id, task_id, 1, 'success', started_at, finished_at, 100 FROM task_runs
                        WHERE status = 'success'""");
                handle.execute("""
                        INSERT INTO map_items (run_id, task_id, item_index, item_json, state, attempts)
                        SELECT t.run_id, t.task_id, i.X, CAST(i.X AS VARCHAR),
                            CASE WHEN MOD(i.X, 17) = 3 THEN 'failed' ELSE 'success' END, 1
                        FROM task_runs t, SYSTEM_RANGE(0, 49) i WHERE t.task_id = 't010'""");
            });
            db.jdbi().useHandle(handle -> handle.execute("ANALYZE"));
        }
        System.out.printf("history written in %.1f s%n", millisSince(began) / 1000);
    }

    private static void scroll() throws Exception {
        long began = System.nanoTime();
        GridMatrix matrix = GridMatrix.of("bench", "wide", syntheticPages());
        System.out.printf(
                "grid model of %,d tasks × %d runs built in %.0f ms%n",
                matrix.rowCount(), matrix.columnCount(), millisSince(began));
        HeadlessFx.start();
        try {
            GridCanvas grid = HeadlessFx.onFx(() -> {
                GridCanvas canvas = new GridCanvas();
                Stage window = new Stage();
                window.setScene(new Scene(new StackPane(canvas), WIDTH, HEIGHT));
                window.show();
                canvas.setMatrix(matrix);
                canvas.layout();
                return canvas;
            });
            WritableImage image = new WritableImage(WIDTH, HEIGHT);
            for (int pass = 0; pass < 3; pass++) {
                List<Double> draw = HeadlessFx.onFx(() -> frames(grid, null));
                List<Double> frame = HeadlessFx.onFx(() -> frames(grid, image));
                System.out.printf(
                        "scroll %,d × %d, pass %d: draw median %.2f ms, p99 %.2f ms, max %.2f ms;"
                                + " draw + render median %.1f ms, p99 %.1f ms (%.0f fps)%n",
                        matrix.rowCount(),
                        matrix.columnCount(),
                        pass + 1,
                        median(draw),
                        percentile(draw, 0.99),
                        Collections.max(draw),
                        median(frame),
                        percentile(frame, 0.99),
                        1000 / median(frame));
            }
        } finally {
            Platform.exit();
        }
    }

    /** Scrolls down and right, then back, a frame at a time; each frame painted (and rendered, given an image). */
    private static List<Double> frames(GridCanvas grid, WritableImage image) {
        List<Double> millis = new ArrayList<>();
        for (int frame = 0; frame < FRAMES; frame++) {
            double step = frame < FRAMES / 2 ? 1 : -1;
            long start = System.nanoTime();
            grid.scrollBy(step * 3, step * 37);
            grid.layout();
            if (image != null) {
                grid.snapshot(null, image);
            }
            millis.add(millisSince(start));
        }
        return millis;
    }

    private static List<GridDto> syntheticPages() {
        OffsetDateTime newest = OffsetDateTime.parse("2026-12-05T06:00:00+01:00");
        List<GridRunDto> runs = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            OffsetDateTime at = newest.minusHours(run);
            runs.add(new GridRunDto("run_" + run, at, run % 9 == 4 ? "failed" : "success", "bench", at));
        }
        List<GridDto> pages = new ArrayList<>();
        for (int offset = 0; offset < SCROLL_TASKS; offset += 250) {
            List<GridRowDto> rows = new ArrayList<>();
            for (int task = offset; task < offset + 250; task++) {
                List<GridCellDto> cells = new ArrayList<>();
                boolean map = task % 50 == 7;
                for (int run = 0; run < RUNS; run++) {
                    String state = STATES[(task * 31 + run * 7) % STATES.length];
                    cells.add(
                            (task + run) % 97 == 0
                                    ? null
                                    : new GridCellDto(
                                            state,
                                            1_000L + task,
                                            1,
                                            "failed".equals(state) ? "connection reset by peer" : null,
                                            map ? new MapCountsDto(40, 3, 2, 5, 50) : null));
                }
                rows.add(new GridRowDto(String.format("load_partition_%04d", task), map, cells));
            }
            pages.add(new GridDto("wide", runs, rows, offset, 250, SCROLL_TASKS));
        }
        return pages;
    }

    private static double millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }

    private static double median(List<Double> values) {
        return percentile(values, 0.5);
    }

    private static double percentile(List<Double> values, double fraction) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(fraction * sorted.size())));
    }
}
