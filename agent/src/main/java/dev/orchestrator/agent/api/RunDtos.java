package dev.orchestrator.agent.api;

import dev.orchestrator.agent.store.AttemptRecord;
import dev.orchestrator.agent.store.CallLinks;
import dev.orchestrator.agent.store.MapCounts;
import dev.orchestrator.agent.store.RunDetail;
import dev.orchestrator.agent.store.RunProgress;
import dev.orchestrator.agent.store.RunRecord;
import dev.orchestrator.agent.store.TaskRunRecord;
import dev.orchestrator.api.AttemptDto;
import dev.orchestrator.api.MapCountsDto;
import dev.orchestrator.api.RunDto;
import dev.orchestrator.api.RunEventDto;
import dev.orchestrator.api.RunSummaryDto;
import dev.orchestrator.api.RunTasksPageDto;
import dev.orchestrator.api.TaskDto;
import dev.orchestrator.api.TaskMarkDto;
import dev.orchestrator.model.PoolClaim;
import dev.orchestrator.model.ResourceProfile;
import dev.orchestrator.model.TaskState;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Store records to the API's DTOs: times with the agent's offset, the logical time with the pipeline's. */
final class RunDtos {

    private final ZoneId zone;

    RunDtos(ZoneId zone) {
        this.zone = zone;
    }

    ZoneId zone() {
        return zone;
    }

    RunDto summary(RunRecord run) {
        return run(run, null, null, CallLinks.NONE);
    }

    RunDto detail(RunDetail detail) {
        return detail(detail, Map.of());
    }

    /** @param mapCounts the item counts of its {@code for_each} tasks, by task id */
    RunDto detail(RunDetail detail, Map<String, MapCounts> mapCounts) {
        return run(
                detail.run(),
                detail.tasks().stream()
                        .map(task -> task(task, mapCounts.get(task.taskId()), detail.calls()))
                        .toList(),
                events(detail),
                detail.calls());
    }

    RunSummaryDto summary(RunProgress progress) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        progress.taskCounts().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(count -> counts.put(count.getKey().yamlName(), count.getValue()));
        return new RunSummaryDto(summary(progress.run()), counts, progress.tasks());
    }

    RunTasksPageDto detail(RunDetail detail, int offset, int limit, Map<String, MapCounts> mapCounts) {
        List<TaskRunRecord> tasks = detail.tasks();
        List<TaskRunRecord> slice =
                tasks.subList(Math.min(offset, tasks.size()), Math.min(offset + limit, tasks.size()));
        RunDto run = run(
                detail.run(),
                slice.stream()
                        .map(task -> task(task, mapCounts.get(task.taskId()), detail.calls()))
                        .toList(),
                events(detail),
                detail.calls());
        return new RunTasksPageDto(run, tasks.size(), offset, limit);
    }

    private List<RunEventDto> events(RunDetail detail) {
        return detail.events().stream()
                .map(event -> new RunEventDto(time(event.notedAt()), event.kind(), event.message()))
                .toList();
    }

    private RunDto run(RunRecord run, List<TaskDto> tasks, List<RunEventDto> events, CallLinks calls) {
        return new RunDto(
                run.runId(),
                run.pipelineId(),
                run.status().yamlName(),
                run.trigger().yamlName(),
                run.logicalTime().toOffsetDateTime(),
                time(run.createdAt()),
                time(run.startedAt()),
                time(run.finishedAt()),
                run.params(),
                run.reason().orElse(null),
                run.parentRunId().orElse(null),
                calls.parentTaskId().orElse(null),
                run.agentId(),
                run.revision().orElse(null),
                tasks,
                events);
    }

    private TaskDto task(TaskRunRecord task, MapCounts items, CallLinks calls) {
        // a task waiting for a pool's slots or its agent's resources is pending in the store, queued to whoever reads
        // it (issue 21)
        String reason = task.reason().orElse(null);
        boolean queued = task.status() == TaskState.PENDING
                && (PoolClaim.isWaitingReason(reason) || ResourceProfile.isWaitingReason(reason));
        return new TaskDto(
                task.taskId(),
                queued ? "queued" : task.status().yamlName(),
                time(task.startedAt()),
                time(task.finishedAt()),
                task.durationMillis().orElse(null),
                task.reason().orElse(null),
                task.attempts().stream().map(this::attempt).toList(),
                task.outputPreview().orElse(null),
                task.outputSize(),
                task.outputReused(),
                task.cached(),
                task.rollback().orElse(null),
                task.mark()
                        .map(mark -> new TaskMarkDto(
                                mark.state().yamlName(),
                                mark.by(),
                                mark.reason().orElse(null),
                                time(mark.at())))
                        .orElse(null),
                items == null
                        ? null
                        : new MapCountsDto(
                                items.done(), items.failed(), items.running(), items.waiting(), items.total()),
                calls.childRunOf(task.taskId()).orElse(null));
    }

    private AttemptDto attempt(AttemptRecord attempt) {
        return new AttemptDto(
                attempt.number(),
                attempt.status().yamlName(),
                attempt.errorType().orElse(null),
                attempt.errorMessage().orElse(null),
                attempt.stackTrace().orElse(null),
                time(attempt.startedAt()),
                time(attempt.finishedAt()),
                attempt.durationMillis().orElse(null));
    }

    private OffsetDateTime time(Instant instant) {
        return instant.atZone(zone).toOffsetDateTime();
    }

    private OffsetDateTime time(Optional<Instant> instant) {
        return instant.map(this::time).orElse(null);
    }
}
