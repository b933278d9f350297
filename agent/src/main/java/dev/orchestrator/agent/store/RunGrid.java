package dev.orchestrator.agent.store;

import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TaskState;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The run grid (issue 22): a pipeline's last runs as columns, its tasks as rows, read in a fixed number of
 * statements whatever the number of runs and tasks, one page of rows at a time. Implementations must be
 * thread-safe.
 */
public interface RunGrid {

    /**
     * The newest {@code runs} runs of the pipeline and one page of its rows.
     *
     * @param definedTasks the tasks of the pipeline's current definition, in file order (empty for a pipeline no
     *                     longer defined); they come first, then the tasks only the runs have, in the order they ran
     * @param taskOffset   the first row of the page, from 0
     * @param taskLimit    at most this many rows
     */
    Slice read(String pipelineId, int runs, List<String> definedTasks, int taskOffset, int taskLimit);

    /** The columns, newest first; every row of the page; and how many rows there are in all. */
    record Slice(List<Column> columns, List<Row> rows, int totalRows) {

        public Slice {
            columns = List.copyOf(columns);
            rows = List.copyOf(rows);
        }
    }

    /** A run as a column. */
    record Column(String runId, ZonedDateTime logicalTime, RunState status, String agentId, Instant createdAt) {}

    /** A task as a row; {@code cells} line up with the columns, empty where a run has no such task. */
    record Row(String taskId, List<Optional<Cell>> cells) {

        public Row {
            cells = List.copyOf(cells);
        }

        /** True when any of its runs counted items: a {@code for_each} task. */
        public boolean hasItems() {
            return cells.stream()
                    .flatMap(Optional::stream)
                    .anyMatch(cell -> cell.items().isPresent());
        }
    }

    /**
     * What a task did in a run.
     *
     * @param duration   from its first start to its end, once ended
     * @param firstError the first line of its last attempt's error, else of its reason, when it did not succeed
     * @param items      the item counts of a {@code for_each} task
     */
    record Cell(
            TaskState state,
            Optional<Long> duration,
            int attempts,
            Optional<String> firstError,
            Optional<MapCounts> items) {}
}
