package dev.orchestrator.agent.schedule;

import dev.orchestrator.agent.execute.RunExecutor;
import dev.orchestrator.agent.execute.RunRequest;
import dev.orchestrator.agent.pipeline.PipelineRegistry;
import dev.orchestrator.cron.FireTimes;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.TriggerKind;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A backfill (SPEC 5): a run for each time a pipeline would have fired over a range of days. Thread-safe. */
final class Backfill {

    private final PipelineRegistry pipelines;
    private final RunExecutor executor;
    private final ZoneId agentZone;
    private final int maxRuns;

    /** @param maxRuns a backfill that would create more runs than this is refused */
    Backfill(PipelineRegistry pipelines, RunExecutor executor, ZoneId agentZone, int maxRuns) {
        this.pipelines = pipelines;
        this.executor = executor;
        this.agentZone = agentZone;
        this.maxRuns = maxRuns;
    }

    /**
     * Creates a run for each fire time of the pipeline between the two dates (inclusive, in its zone), with
     * those logical times, oldest first; a pipeline without a timed schedule gets one run per day at midnight.
     * The runs queue behind each other as {@code max_instances} allows.
     *
     * @throws IllegalArgumentException for an unknown pipeline, dates in the wrong order, or too many runs
     */
    List<String> start(String pipelineId, LocalDate from, LocalDate to) {
        Pipeline pipeline = pipelines
                .find(pipelineId)
                .orElseThrow(() -> new IllegalArgumentException("no runnable pipeline '" + pipelineId + "'"));
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("backfill from " + from + " to " + to + ": 'to' comes before 'from'");
        }
        FireTimes fireTimes = FireTimes.of(pipeline.schedule(), agentZone);
        ZonedDateTime start = from.atStartOfDay(fireTimes.zone());
        ZonedDateTime end = to.plusDays(1).atStartOfDay(fireTimes.zone());
        List<ZonedDateTime> times = new ArrayList<>();
        if (fireTimes.isTimed()) {
            times.addAll(fireTimes.between(
                    start.toInstant().minusNanos(1), end.toInstant().minusNanos(1), maxRuns + 1));
        } else {
            for (ZonedDateTime day = start; day.isBefore(end) && times.size() <= maxRuns; day = day.plusDays(1)) {
                times.add(day);
            }
        }
        if (times.size() > maxRuns) {
            throw new IllegalArgumentException("backfill of " + pipelineId + " from " + from + " to " + to
                    + " would create more than " + maxRuns + " runs; choose a shorter range");
        }
        List<String> runIds = new ArrayList<>(times.size());
        for (ZonedDateTime time : times) {
            runIds.add(executor.start(
                    pipeline,
                    new RunRequest(TriggerKind.BACKFILL, Optional.of(time), Map.of(), 0, Optional.empty()),
                    pipelines.secrets()));
        }
        return runIds;
    }
}
