package dev.orchestrator.agent.store.jdbi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.agent.store.AttemptRecord;
import dev.orchestrator.agent.store.LogLine;
import dev.orchestrator.agent.store.RunEvent;
import dev.orchestrator.agent.store.RunRecord;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TaskState;
import dev.orchestrator.model.TriggerKind;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Rows to records. */
final class RowMappers {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final ObjectMapper json;

    RowMappers(ObjectMapper json) {
        this.json = json;
    }

    RunRecord run(ResultSet row) throws SQLException {
        ZoneId zone = ZoneId.of(row.getString("time_zone"));
        return new RunRecord(row.getString("run_id"), row.getString("pipeline_id"),
                RunState.valueOf(row.getString("status").toUpperCase(Locale.ROOT)),
                TriggerKind.valueOf(row.getString("trigger_kind").toUpperCase(Locale.ROOT)),
                Times.readRequired(row, "logical_time").atZone(zone), params(row.getString("params")),
                Times.readRequired(row, "created_at"), Times.read(row, "started_at"), Times.read(row, "finished_at"),
                Optional.ofNullable(row.getString("reason")), Optional.ofNullable(row.getString("parent_run_id")),
                row.getInt("trigger_depth"), row.getString("agent_id"));
    }

    static AttemptRecord attempt(ResultSet row) throws SQLException {
        long duration = row.getLong("duration_ms");
        Optional<Long> durationMillis = row.wasNull() ? Optional.empty() : Optional.of(duration);
        return new AttemptRecord(row.getInt("number"), taskState(row.getString("status")),
                Times.readRequired(row, "started_at"), Times.read(row, "finished_at"), durationMillis,
                Optional.ofNullable(row.getString("error_type")), Optional.ofNullable(row.getString("error_message")),
                Optional.ofNullable(row.getString("stack_trace")));
    }

    static LogLine logLine(ResultSet row) throws SQLException {
        return new LogLine(row.getLong("id"), row.getString("run_id"), row.getString("task_id"),
                row.getInt("attempt"), row.getString("level"), Times.readRequired(row, "logged_at"),
                row.getString("message"));
    }

    static RunEvent event(ResultSet row) throws SQLException {
        return new RunEvent(Times.readRequired(row, "noted_at"), row.getString("kind"), row.getString("message"));
    }

    static TaskState taskState(String text) {
        return TaskState.valueOf(text.toUpperCase(Locale.ROOT));
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
