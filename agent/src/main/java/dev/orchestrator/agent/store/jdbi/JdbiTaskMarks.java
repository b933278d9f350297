package dev.orchestrator.agent.store.jdbi;

import static dev.orchestrator.agent.store.jdbi.JdbiRunStore.SHORT_TEXT;

import dev.orchestrator.agent.store.StoredOutput;
import dev.orchestrator.agent.store.TaskMark;
import dev.orchestrator.agent.store.TaskMarks;
import java.sql.SQLException;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.result.RowView;

/** {@link TaskMarks} on Jdbi, for {@link JdbiRunStore}. Thread-safe. */
final class JdbiTaskMarks implements TaskMarks {

    private final Jdbi jdbi;

    JdbiTaskMarks(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public boolean markTask(String runId, String taskId, TaskMark mark, Optional<StoredOutput> output) {
        String outputColumns = output.isPresent()
                ? ", output_json = :json, output_file = :file, output_size = :size, output_reused = FALSE"
                : "";
        return jdbi.inTransaction(handle -> {
            var update = handle.createUpdate("UPDATE task_runs SET status = :status, "
                            + "finished_at = COALESCE(finished_at, :at), reason = :reason, marked_state = :status, "
                            + "marked_by = :by, marked_reason = :markedReason, marked_at = :at" + outputColumns
                            + " WHERE run_id = :runId AND task_id = :taskId")
                    .bind("status", mark.state())
                    .bind("at", mark.at())
                    .bind("reason", fit(mark.describe()))
                    .bind(
                            "by",
                            mark.by().length() <= 128 ? mark.by() : mark.by().substring(0, 128))
                    .bind("markedReason", mark.reason().map(JdbiTaskMarks::fit).orElse(null))
                    .bind("runId", runId)
                    .bind("taskId", taskId);
            output.ifPresent(stored -> update.bind("json", stored.json().orElse(null))
                    .bind("file", stored.file().orElse(null))
                    .bind("size", stored.size()));
            return update.execute() == 1;
        });
    }

    /** The task row's mark, when it has one. */
    static Optional<TaskMark> read(RowView row) throws SQLException {
        if (RowMappers.text(row, "marked_state") == null) {
            return Optional.empty();
        }
        return Optional.of(new TaskMark(
                RowMappers.required(row, "marked_state", dev.orchestrator.model.TaskState.class),
                RowMappers.text(row, "marked_by"),
                Optional.ofNullable(RowMappers.text(row, "marked_reason")),
                RowMappers.required(row, "marked_at")));
    }

    private static String fit(String text) {
        return text.length() <= SHORT_TEXT ? text : text.substring(0, SHORT_TEXT) + "...";
    }
}
