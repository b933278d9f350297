package dev.orchestrator.agent.store.jdbi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.agent.store.RunLifecycle.NewRun;
import dev.orchestrator.agent.store.RunRecord;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TriggerKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link RunJournal} record of runs created together: everything {@link JdbiRunLifecycle#insert} needs to
 * write their rows again (the run and its task ids), as JSON. Plain strings for times and states, so that a
 * record stays readable by the next version of the agent.
 */
final class RunCreationRecord {

    private static final TypeReference<List<Map<String, Object>>> RUNS = new TypeReference<>() {};

    private final ObjectMapper json;

    RunCreationRecord(ObjectMapper json) {
        this.json = json;
    }

    byte[] write(List<NewRun> runs) {
        List<Map<String, Object>> records = new ArrayList<>(runs.size());
        for (NewRun newRun : runs) {
            RunRecord run = newRun.run();
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("run_id", run.runId());
            record.put("pipeline_id", run.pipelineId());
            record.put("status", run.status().name());
            record.put("trigger", run.trigger().name());
            record.put("logical_time", run.logicalTime().toString());
            record.put("params", run.params());
            record.put("created_at", run.createdAt().toString());
            record.put("started_at", run.startedAt().map(Instant::toString).orElse(null));
            record.put("finished_at", run.finishedAt().map(Instant::toString).orElse(null));
            record.put("reason", run.reason().orElse(null));
            record.put("parent_run_id", run.parentRunId().orElse(null));
            record.put("trigger_depth", run.triggerDepth());
            record.put("agent_id", run.agentId());
            record.put("revision", run.revision().orElse(null));
            record.put("task_ids", newRun.taskIds());
            records.add(record);
        }
        try {
            return json.writeValueAsBytes(records);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a run journal record: " + e.getMessage(), e);
        }
    }

    List<NewRun> read(byte[] bytes) {
        List<Map<String, Object>> records;
        try {
            records = json.readValue(bytes, RUNS);
        } catch (IOException e) {
            throw new UncheckedIOException("a run journal record is not readable: " + e.getMessage(), e);
        }
        List<NewRun> runs = new ArrayList<>(records.size());
        for (Map<String, Object> record : records) {
            @SuppressWarnings("unchecked")
            Map<String, Object> params = (Map<String, Object>) record.get("params");
            @SuppressWarnings("unchecked")
            List<String> taskIds = (List<String>) record.get("task_ids");
            RunRecord run = new RunRecord(
                    text(record, "run_id"),
                    text(record, "pipeline_id"),
                    RunState.valueOf(text(record, "status")),
                    TriggerKind.valueOf(text(record, "trigger")),
                    ZonedDateTime.parse(text(record, "logical_time")),
                    params == null ? Map.of() : params,
                    Instant.parse(text(record, "created_at")),
                    optional(record, "started_at").map(Instant::parse),
                    optional(record, "finished_at").map(Instant::parse),
                    optional(record, "reason"),
                    optional(record, "parent_run_id"),
                    ((Number) record.get("trigger_depth")).intValue(),
                    text(record, "agent_id"),
                    optional(record, "revision"));
            runs.add(new NewRun(run, taskIds == null ? List.of() : List.copyOf(taskIds)));
        }
        return runs;
    }

    private static String text(Map<String, Object> record, String key) {
        return optional(record, key)
                .orElseThrow(() -> new IllegalStateException("a run journal record has no " + key + ": " + record));
    }

    private static Optional<String> optional(Map<String, Object> record, String key) {
        return Optional.ofNullable(record.get(key)).map(String::valueOf);
    }
}
