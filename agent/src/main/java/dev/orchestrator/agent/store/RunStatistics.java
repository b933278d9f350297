package dev.orchestrator.agent.store;

import dev.orchestrator.model.RunState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the dashboard shows for a time range.
 *
 * @param byStatus         how many runs created in the range are in each state
 * @param averageDuration  of the finished runs, in milliseconds
 * @param runsPerHour      runs created, per hour (the start of each hour), oldest first, empty hours included
 * @param recentDurations  the last finished runs, oldest first: the duration trend
 * @param failingPipelines pipelines whose latest finished run in the range did not succeed
 */
public record RunStatistics(
        Instant from,
        Instant to,
        Map<RunState, Long> byStatus,
        Optional<Long> averageDuration,
        List<HourCount> runsPerHour,
        List<FinishedRun> recentDurations,
        List<FinishedRun> failingPipelines) {

    public long total() {
        return byStatus.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Successes among the finished runs; empty when none finished. */
    public Optional<Double> successRate() {
        long finished = byStatus.entrySet().stream()
                .filter(entry -> entry.getKey().isTerminal())
                .mapToLong(Map.Entry::getValue)
                .sum();
        return finished == 0
                ? Optional.empty()
                : Optional.of(byStatus.getOrDefault(RunState.SUCCESS, 0L) / (double) finished);
    }

    public record HourCount(Instant hour, long runs, long failed) {}

    public record FinishedRun(
            String runId,
            String pipelineId,
            RunState status,
            Instant startedAt,
            Instant finishedAt,
            long durationMillis) {}
}
