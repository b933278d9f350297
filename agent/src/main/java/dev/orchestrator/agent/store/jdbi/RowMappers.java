package dev.orchestrator.agent.store.jdbi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.agent.store.AttemptRecord;
import dev.orchestrator.agent.store.LogLine;
import dev.orchestrator.agent.store.RunEvent;
import dev.orchestrator.agent.store.RunRecord;
import dev.orchestrator.agent.store.StoredOutput;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TaskState;
import dev.orchestrator.model.TriggerKind;
import java.lang.reflect.Type;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.result.RowView;

/** Rows to records; instants and states read by the column mappers registered in {@link StoredTypes}. */
final class RowMappers {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final ObjectMapper json;

    RowMappers(ObjectMapper json) {
        this.json = json;
    }

    RunRecord run(RowView row) throws SQLException {
        ZoneId zone = ZoneId.of(text(row, "time_zone"));
        return new RunRecord(
                text(row, "run_id"),
                text(row, "pipeline_id"),
                required(row, "status", RunState.class),
                required(row, "trigger_kind", TriggerKind.class),
                required(row, "logical_time").atZone(zone),
                params(text(row, "params")),
                required(row, "created_at"),
                optional(row, "started_at"),
                optional(row, "finished_at"),
                Optional.ofNullable(text(row, "reason")),
                Optional.ofNullable(text(row, "parent_run_id")),
                integer(row, "trigger_depth"),
                text(row, "agent_id"),
                Optional.ofNullable(text(row, "revision")));
    }

    static AttemptRecord attempt(RowView row) throws SQLException {
        return new AttemptRecord(
                integer(row, "number"),
                required(row, "status", TaskState.class),
                required(row, "started_at"),
                optional(row, "finished_at"),
                Optional.ofNullable(row.getColumn("duration_ms", Long.class)),
                Optional.ofNullable(text(row, "error_type")),
                Optional.ofNullable(text(row, "error_message")),
                Optional.ofNullable(text(row, "stack_trace")));
    }

    static LogLine logLine(RowView row) throws SQLException {
        return new LogLine(
                number(row, "id"),
                text(row, "run_id"),
                text(row, "task_id"),
                integer(row, "attempt"),
                text(row, "level"),
                required(row, "logged_at"),
                text(row, "message"));
    }

    static RunEvent event(RowView row) throws SQLException {
        return new RunEvent(required(row, "noted_at"), text(row, "kind"), text(row, "message"));
    }

    /** The output columns of a task or map item row: {@code output_json}, {@code output_file}, {@code output_size}. */
    static StoredOutput output(ResultSet row) throws SQLException {
        return new StoredOutput(
                Optional.ofNullable(row.getString("output_json")),
                Optional.ofNullable(row.getString("output_file")),
                row.getLong("output_size"));
    }

    static String text(RowView row, String column) {
        return row.getColumn(column, String.class);
    }

    /** An int column as {@code ResultSet.getInt} reads it: 0 for null. */
    static int integer(RowView row, String column) {
        return (Integer) row.getColumn(column, (Type) int.class);
    }

    /** A long column as {@code ResultSet.getLong} reads it: 0 for null. */
    static long number(RowView row, String column) {
        return (Long) row.getColumn(column, (Type) long.class);
    }

    /** A boolean column as {@code ResultSet.getBoolean} reads it: false for null. */
    static boolean bool(RowView row, String column) {
        return (Boolean) row.getColumn(column, (Type) boolean.class);
    }

    static Optional<Instant> optional(RowView row, String column) {
        return Optional.ofNullable(row.getColumn(column, Instant.class));
    }

    static Instant required(RowView row, String column) throws SQLException {
        return required(row, column, Instant.class);
    }

    /** A column that must have a value: a null one is a damaged row, said as it is. */
    static <T> T required(RowView row, String column, Class<T> type) throws SQLException {
        T value = row.getColumn(column, type);
        if (value == null) {
            throw new SQLException("column " + column + " is null");
        }
        return value;
    }

    String write(Map<String, Object> params) {
        try {
            return json.writeValueAsString(params);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("run parameters cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    private Map<String, Object> params(String text) throws SQLException {
        try {
            return json.readValue(text, MAP);
        } catch (JsonProcessingException e) {
            throw new SQLException("stored run parameters are not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
