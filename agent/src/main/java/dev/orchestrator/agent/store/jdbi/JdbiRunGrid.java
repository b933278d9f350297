package dev.orchestrator.agent.store.jdbi;

import dev.orchestrator.agent.store.MapCounts;
import dev.orchestrator.agent.store.RunGrid;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TaskState;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * {@link RunGrid} on Jdbi: four statements per page whatever its size (the runs; the tasks they have; the cells of
 * the page's tasks with each one's last error; the item counts of its maps), in one handle. SQL that H2 and
 * PostgreSQL both run. Thread-safe.
 */
public final class JdbiRunGrid implements RunGrid {

    /** Enough of an error message for its first line; the rest of a long stack of text is not read. */
    private static final int ERROR_HEAD = 1_000;

    private final Jdbi jdbi;

    public JdbiRunGrid(Database database) {
        this.jdbi = database.jdbi();
    }

    @Override
    public Slice read(String pipelineId, int runs, List<String> definedTasks, int taskOffset, int taskLimit) {
        return jdbi.withHandle(handle -> {
            List<Column> columns = columns(handle, pipelineId, runs);
            List<String> runIds = columns.stream().map(Column::runId).toList();
            Set<String> rowIds = new LinkedHashSet<>(definedTasks);
            if (!runIds.isEmpty()) {
                rowIds.addAll(handle.createQuery("""
                                SELECT task_id, MIN(position) AS first_position FROM task_runs
                                WHERE run_id IN (<runs>) GROUP BY task_id ORDER BY first_position, task_id""")
                        .bindList("runs", runIds)
                        .map((row, context) -> row.getString("task_id"))
                        .list());
            }
            List<String> page = new ArrayList<>(rowIds)
                    .subList(Math.min(taskOffset, rowIds.size()), Math.min(rowIds.size(), taskOffset + taskLimit));
            Map<String, Map<String, Cell>> cells =
                    runIds.isEmpty() || page.isEmpty() ? Map.of() : cells(handle, runIds, page);
            Map<String, Integer> columnOf = new HashMap<>();
            for (int i = 0; i < runIds.size(); i++) {
                columnOf.put(runIds.get(i), i);
            }
            List<Row> rows = new ArrayList<>(page.size());
            for (String taskId : page) {
                List<Optional<Cell>> row = new ArrayList<>(columns.size());
                for (int i = 0; i < columns.size(); i++) {
                    row.add(Optional.empty());
                }
                cells.getOrDefault(taskId, Map.of())
                        .forEach((runId, cell) -> row.set(columnOf.get(runId), Optional.of(cell)));
                rows.add(new Row(taskId, row));
            }
            return new Slice(columns, rows, rowIds.size());
        });
    }

    private static List<Column> columns(Handle handle, String pipelineId, int runs) {
        return handle.createQuery("""
                        SELECT run_id, logical_time, time_zone, status, agent_id, created_at FROM runs
                        WHERE pipeline_id = :pipelineId ORDER BY created_at DESC, run_id DESC LIMIT :limit""")
                .bind("pipelineId", pipelineId)
                .bind("limit", runs)
                .map(row -> new Column(
                        RowMappers.text(row, "run_id"),
                        RowMappers.required(row, "logical_time").atZone(ZoneId.of(RowMappers.text(row, "time_zone"))),
                        RowMappers.required(row, "status", RunState.class),
                        RowMappers.text(row, "agent_id"),
                        RowMappers.required(row, "created_at")))
                .list();
    }

    /** Task id to run id to cell, for the page's tasks in the grid's runs. */
    private static Map<String, Map<String, Cell>> cells(Handle handle, List<String> runIds, List<String> taskIds) {
        record Stored(
                String runId,
                String taskId,
                TaskState state,
                Optional<Instant> startedAt,
                Optional<Instant> finishedAt,
                int attempts,
                Optional<String> reason,
                Optional<String> error) {}
        // the last attempt's error is joined on its number, read only for tasks that did not succeed, and only
        // its head: a failed attempt may carry a megabyte of output
        List<Stored> stored = handle.createQuery("""
                        SELECT t.run_id, t.task_id, t.status, t.started_at, t.finished_at, t.attempts, t.reason,
                            SUBSTRING(a.error_message FROM 1 FOR %d) AS error_head
                        FROM task_runs t LEFT JOIN attempts a ON a.run_id = t.run_id AND a.task_id = t.task_id
                            AND a.number = t.attempts AND t.status <> 'success'
                        WHERE t.run_id IN (<runs>) AND t.task_id IN (<tasks>)""".formatted(ERROR_HEAD))
                .bindList("runs", runIds)
                .bindList("tasks", taskIds)
                .map(row -> new Stored(
                        RowMappers.text(row, "run_id"),
                        RowMappers.text(row, "task_id"),
                        RowMappers.required(row, "status", TaskState.class),
                        RowMappers.optional(row, "started_at"),
                        RowMappers.optional(row, "finished_at"),
                        RowMappers.integer(row, "attempts"),
                        Optional.ofNullable(RowMappers.text(row, "reason")),
                        Optional.ofNullable(RowMappers.text(row, "error_head"))))
                .list();
        record Counted(String key, String state, int count) {}
        Map<String, int[]> counts = new HashMap<>();
        handle.createQuery("""
                        SELECT run_id, task_id, state, COUNT(*) AS n FROM map_items
                        WHERE run_id IN (<runs>) AND task_id IN (<tasks>) GROUP BY run_id, task_id, state""")
                .bindList("runs", runIds)
                .bindList("tasks", taskIds)
                .map((row, context) -> new Counted(
                        key(row.getString("task_id"), row.getString("run_id")),
                        row.getString("state"),
                        row.getInt("n")))
                .forEach(counted -> counts.computeIfAbsent(counted.key(), key -> new int[4])[
                                JdbiMapItemStore.bucket(counted.state())] +=
                        counted.count());
        Map<String, Map<String, Cell>> cells = new HashMap<>();
        for (Stored task : stored) {
            Optional<Long> duration = task.startedAt()
                    .flatMap(start -> task.finishedAt().map(end -> end.toEpochMilli() - start.toEpochMilli()));
            Optional<String> error = task.state() == TaskState.SUCCESS
                    ? Optional.empty()
                    : task.error().or(task::reason).flatMap(JdbiRunGrid::firstLine);
            Optional<MapCounts> items = Optional.ofNullable(counts.get(key(task.taskId(), task.runId())))
                    .map(c -> new MapCounts(c[0], c[1], c[2], c[3]));
            cells.computeIfAbsent(task.taskId(), id -> new HashMap<>())
                    .put(task.runId(), new Cell(task.state(), duration, task.attempts(), error, items));
        }
        return cells;
    }

    private static String key(String taskId, String runId) {
        return taskId + '\n' + runId;
    }

    private static Optional<String> firstLine(String text) {
        return text.strip().lines().findFirst().filter(line -> !line.isBlank());
    }
}
