package dev.orchestrator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * A run as the HTTP API shows it, in lists ({@code tasks} null) and in detail. Field names are the API's
 * snake_case; times are ISO 8601 with offset. {@code agentId} names the agent that runs it (agents of a cluster
 * share one history). {@code revision} names the version of its pipeline it ran ({@link PipelineRevisionDto}).
 * {@code parentRunId} is the run that started this one (a hook, a retry, a call); for a child run of a
 * {@code pipeline:} task (trigger "pipeline") {@code parentTaskId} names the calling task.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunDto(
        String runId,
        String pipelineId,
        String status,
        String trigger,
        OffsetDateTime logicalTime,
        OffsetDateTime createdAt,
        OffsetDateTime startedAt,
        OffsetDateTime finishedAt,
        Map<String, Object> params,
        String reason,
        String parentRunId,
        String parentTaskId,
        String agentId,
        String revision,
        List<TaskDto> tasks,
        List<RunEventDto> events) {}
