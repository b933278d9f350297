package dev.orchestrator.agent.store.jdbi;

import dev.orchestrator.agent.store.MapCounts;
import dev.orchestrator.agent.store.MapItem;
import dev.orchestrator.agent.store.MapItemStore;
import dev.orchestrator.agent.store.Page;
import dev.orchestrator.agent.store.StoredOutput;
import dev.orchestrator.model.TaskState;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/** {@link MapItemStore} on Jdbi, in the {@code map_items} table; SQL that H2 and PostgreSQL both run. Thread-safe. */
public final class JdbiMapItemStore implements MapItemStore {

    /** Rows written per batch when a map begins, and read per page when its outputs are gathered. */
    private static final int BATCH = 1_000;

    private static final int MAX_ERROR = 4_000;

    private final Jdbi jdbi;

    public JdbiMapItemStore(Database database) {
        this(database.jdbi());
    }

    JdbiMapItemStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void insertItems(String runId, String taskId, int firstIndex, List<String> itemsJson) {
        jdbi.useTransaction(handle -> {
            for (int from = 0; from < itemsJson.size(); from += BATCH) {
                PreparedBatch batch = handle.prepareBatch("""
                        INSERT INTO map_items (run_id, task_id, item_index, item_json, state)
                        VALUES (:runId, :taskId, :index, :item, 'pending')""");
                int to = Math.min(itemsJson.size(), from + BATCH);
                for (int i = from; i < to; i++) {
                    batch.bind("runId", runId)
                            .bind("taskId", taskId)
                            .bind("index", firstIndex + i)
                            .bind("item", itemsJson.get(i))
                            .add();
                }
                batch.execute();
            }
        });
    }

    @Override
    public int reuseSucceeded(String runId, String taskId, String earlierRunId) {
        return jdbi.withHandle(handle -> handle.createUpdate("""
                UPDATE map_items SET state = 'success', output_reused = TRUE,
                    attempts = (SELECT e.attempts FROM map_items e WHERE e.run_id = :earlier
                        AND e.task_id = map_items.task_id AND e.item_index = map_items.item_index),
                    started_at = (SELECT e.started_at FROM map_items e WHERE e.run_id = :earlier
                        AND e.task_id = map_items.task_id AND e.item_index = map_items.item_index),
                    finished_at = (SELECT e.finished_at FROM map_items e WHERE e.run_id = :earlier
                        AND e.task_id = map_items.task_id AND e.item_index = map_items.item_index),
                    output_json = (SELECT e.output_json FROM map_items e WHERE e.run_id = :earlier
                        AND e.task_id = map_items.task_id AND e.item_index = map_items.item_index),
                    output_file = (SELECT e.output_file FROM map_items e WHERE e.run_id = :earlier
                        AND e.task_id = map_items.task_id AND e.item_index = map_items.item_index),
                    output_size = (SELECT e.output_size FROM map_items e WHERE e.run_id = :earlier
                        AND e.task_id = map_items.task_id AND e.item_index = map_items.item_index),
                    child_run_id = (SELECT e.child_run_id FROM map_items e WHERE e.run_id = :earlier
                        AND e.task_id = map_items.task_id AND e.item_index = map_items.item_index)
                WHERE run_id = :runId AND task_id = :taskId AND EXISTS (SELECT 1 FROM map_items e
                    WHERE e.run_id = :earlier AND e.task_id = map_items.task_id
                    AND e.item_index = map_items.item_index AND e.state = 'success'
                    AND e.item_json = map_items.item_json)""")
                .bind("runId", runId)
                .bind("taskId", taskId)
                .bind("earlier", earlierRunId)
                .execute());
    }

    @Override
    public List<PendingItem> pendingItems(String runId, String taskId, int fromIndex, int limit) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                SELECT item_index, item_json FROM map_items
                WHERE run_id = :runId AND task_id = :taskId AND state = 'pending' AND item_index >= :from
                ORDER BY item_index LIMIT :limit""")
                .bind("runId", runId)
                .bind("taskId", taskId)
                .bind("from", fromIndex)
                .bind("limit", limit)
                .map((row, context) -> new PendingItem(row.getInt("item_index"), row.getString("item_json")))
                .list());
    }

    @Override
    public void itemStarted(String runId, String taskId, int index, int attempt, Instant at) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                UPDATE map_items SET state = 'running', attempts = :attempt, started_at = :at, finished_at = NULL,
                    child_run_id = NULL
                WHERE run_id = :runId AND task_id = :taskId AND item_index = :index""")
                .bind("runId", runId)
                .bind("taskId", taskId)
                .bind("index", index)
                .bind("attempt", attempt)
                .bind("at", at)
                .execute());
    }

    @Override
    public void itemFinished(
            String runId,
            String taskId,
            int index,
            TaskState state,
            Instant at,
            Optional<String> error,
            Optional<StoredOutput> output) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                UPDATE map_items SET state = :state, finished_at = :at, error = :error,
                    output_json = :json, output_file = :file, output_size = :size
                WHERE run_id = :runId AND task_id = :taskId AND item_index = :index""")
                .bind("runId", runId)
                .bind("taskId", taskId)
                .bind("index", index)
                .bind("state", state.yamlName())
                .bind("at", at)
                .bind("error", error.map(JdbiMapItemStore::clip).orElse(null))
                .bind("json", output.flatMap(StoredOutput::json).orElse(null))
                .bind("file", output.flatMap(StoredOutput::file).orElse(null))
                .bind("size", output.map(StoredOutput::size).orElse(null))
                .execute());
    }

    @Override
    public void finishUnstarted(String runId, String taskId, TaskState state, Instant at) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                UPDATE map_items SET state = :state, finished_at = :at
                WHERE run_id = :runId AND task_id = :taskId AND state IN ('pending', 'retrying')""")
                .bind("runId", runId)
                .bind("taskId", taskId)
                .bind("state", state.yamlName())
                .bind("at", at)
                .execute());
    }

    @Override
    public int crashRunning(String runId, String taskId, String reason, Instant at) {
        return jdbi.withHandle(handle -> handle.createUpdate("""
                UPDATE map_items SET state = 'crashed', finished_at = :at, error = :error
                WHERE run_id = :runId AND task_id = :taskId AND state = 'running' AND child_run_id IS NULL""")
                .bind("runId", runId)
                .bind("taskId", taskId)
                .bind("at", at)
                .bind("error", clip(reason))
                .execute());
    }

    @Override
    public void itemCalled(String runId, String taskId, int index, String childRunId) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                UPDATE map_items SET child_run_id = :child
                WHERE run_id = :runId AND task_id = :taskId AND item_index = :index""")
                .bind("runId", runId)
                .bind("taskId", taskId)
                .bind("index", index)
                .bind("child", childRunId)
                .execute());
    }

    @Override
    public List<CallingItem> callingItems(String runId, String taskId) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                SELECT item_index, item_json, attempts, child_run_id FROM map_items WHERE run_id = :runId
                AND task_id = :taskId AND state = 'running' AND child_run_id IS NOT NULL ORDER BY item_index""")
                .bind("runId", runId)
                .bind("taskId", taskId)
                .map((row, context) -> new CallingItem(
                        row.getInt("item_index"),
                        row.getString("item_json"),
                        row.getInt("attempts"),
                        row.getString("child_run_id")))
                .list());
    }

    @Override
    public List<RetryingItem> retryingItems(String runId, String taskId) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                SELECT item_index, item_json, attempts FROM map_items
                WHERE run_id = :runId AND task_id = :taskId AND state = 'retrying' ORDER BY item_index""")
                .bind("runId", runId)
                .bind("taskId", taskId)
                .map((row, context) ->
                        new RetryingItem(row.getInt("item_index"), row.getString("item_json"), row.getInt("attempts")))
                .list());
    }

    @Override
    public Optional<String> firstFailure(String runId, String taskId) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                SELECT item_index, error FROM map_items WHERE run_id = :runId AND task_id = :taskId
                AND state NOT IN ('success', 'running', 'pending', 'retrying') ORDER BY item_index LIMIT 1""")
                .bind("runId", runId)
                .bind("taskId", taskId)
                .map((row, context) -> "item " + row.getInt("item_index") + ": "
                        + Optional.ofNullable(row.getString("error")).orElse("no error recorded"))
                .findOne());
    }

    @Override
    public void forEachOutput(String runId, String taskId, Consumer<Optional<StoredOutput>> action) {
        int from = 0;
        while (true) {
            int start = from;
            List<Optional<StoredOutput>> page = jdbi.withHandle(handle -> handle.createQuery("""
                    SELECT output_json, output_file, output_size FROM map_items
                    WHERE run_id = :runId AND task_id = :taskId AND item_index >= :from
                    ORDER BY item_index LIMIT :limit""")
                    .bind("runId", runId)
                    .bind("taskId", taskId)
                    .bind("from", start)
                    .bind("limit", BATCH)
                    .map((row, context) -> {
                        String json = row.getString("output_json");
                        String file = row.getString("output_file");
                        return json == null && file == null
                                ? Optional.<StoredOutput>empty()
                                : Optional.of(new StoredOutput(
                                        Optional.ofNullable(json),
                                        Optional.ofNullable(file),
                                        row.getLong("output_size")));
                    })
                    .list());
            page.forEach(action);
            if (page.size() < BATCH) {
                return;
            }
            from += BATCH;
        }
    }

    @Override
    public Optional<StoredOutput> output(String runId, String taskId, int index) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT output_json, output_file, output_size FROM map_items
                        WHERE run_id = :runId AND task_id = :taskId AND item_index = :index""")
                .bind("runId", runId)
                .bind("taskId", taskId)
                .bind("index", index)
                .map((row, context) -> RowMappers.output(row))
                .findOne()
                .filter(output -> output.json().isPresent() || output.file().isPresent()));
    }

    @Override
    public Map<String, MapCounts> counts(String runId) {
        record Row(String taskId, String state, int count) {}
        List<Row> rows = jdbi.withHandle(handle -> handle.createQuery("""
                SELECT task_id, state, COUNT(*) AS n FROM map_items WHERE run_id = :runId
                GROUP BY task_id, state ORDER BY task_id""")
                .bind("runId", runId)
                .map((row, context) -> new Row(row.getString("task_id"), row.getString("state"), row.getInt("n")))
                .list());
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (Row row : rows) {
            counts.computeIfAbsent(row.taskId(), id -> new int[4])[bucket(row.state())] += row.count();
        }
        Map<String, MapCounts> result = new LinkedHashMap<>();
        counts.forEach((taskId, c) -> result.put(taskId, new MapCounts(c[0], c[1], c[2], c[3])));
        return result;
    }

    static int bucket(String state) {
        return switch (state) {
            case "success" -> 0;
            case "running" -> 2;
            case "pending", "retrying" -> 3;
            default -> 1;
        };
    }

    @Override
    public Page<MapItem> items(String runId, String taskId, Optional<TaskState> state, int page, int size) {
        String filter = state.isPresent() ? " AND state = :state" : "";
        return jdbi.withHandle(handle -> {
            var count = handle.createQuery(
                            "SELECT COUNT(*) FROM map_items WHERE run_id = :runId AND task_id = :taskId" + filter)
                    .bind("runId", runId)
                    .bind("taskId", taskId);
            var select = handle.createQuery("""
                    SELECT item_index, item_json, state, attempts, started_at, finished_at, error, output_reused,
                        child_run_id
                    FROM map_items WHERE run_id = :runId AND task_id = :taskId""" + filter + " ORDER BY item_index LIMIT :limit OFFSET :offset")
                    .bind("runId", runId)
                    .bind("taskId", taskId)
                    .bind("limit", size)
                    .bind("offset", (long) page * size);
            state.ifPresent(value -> {
                count.bind("state", value.yamlName());
                select.bind("state", value.yamlName());
            });
            long total = count.mapTo(Long.class).one();
            List<MapItem> items = select.map((row, context) -> new MapItem(
                            row.getInt("item_index"),
                            row.getString("item_json"),
                            TaskState.valueOf(row.getString("state").toUpperCase(Locale.ROOT)),
                            row.getInt("attempts"),
                            Times.read(row, "started_at"),
                            Times.read(row, "finished_at"),
                            Optional.ofNullable(row.getString("error")),
                            row.getBoolean("output_reused"),
                            Optional.ofNullable(row.getString("child_run_id"))))
                    .list();
            return new Page<>(items, page, size, total);
        });
    }

    private static String clip(String text) {
        return text.length() <= MAX_ERROR ? text : text.substring(0, MAX_ERROR - 1) + "…";
    }
}
