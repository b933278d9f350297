package dev.orchestrator.desktop.run;

import dev.orchestrator.api.RunDto;
import dev.orchestrator.api.TaskDto;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;

/** The task a failed run opens on: the failed task that started first (the others often failed after it, or because of it). */
final class FirstFailure {

    // a task that failed by itself: upstream_failed and skipped only follow from another one
    private static final Set<String> FAILED_TASK = Set.of("failed", "timeout", "crashed");

    private FirstFailure() {}

    static Optional<String> of(RunDto detail) {
        return detail.tasks() == null
                ? Optional.empty()
                : detail.tasks().stream()
                        .filter(task -> FAILED_TASK.contains(task.status()))
                        .min(Comparator.comparing(TaskDto::startedAt, Comparator.nullsLast(Comparator.naturalOrder())))
                        .map(TaskDto::taskId);
    }
}
