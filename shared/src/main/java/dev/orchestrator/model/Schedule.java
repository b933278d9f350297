package dev.orchestrator.model;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;

/**
 * When a pipeline runs.
 *
 * @param cronExpr     for {@link ScheduleType#CRON}: 5 fields (Unix) or 6-7 fields (Quartz)
 * @param timezone     empty means the agent's timezone setting
 * @param startDate    inclusive, in the pipeline's timezone
 * @param endDate      inclusive; a date without a time means the whole of that day
 * @param interval     for {@link ScheduleType#INTERVAL}
 * @param maxInstances runs of this pipeline at once
 * @param event        for {@link ScheduleType#EVENT}: the event name that starts a run
 */
public record Schedule(
        ScheduleType type,
        Optional<String> cronExpr,
        Optional<ZoneId> timezone,
        Optional<LocalDateTime> startDate,
        Optional<LocalDateTime> endDate,
        Optional<Duration> interval,
        int maxInstances,
        MisfirePolicy misfire,
        Optional<String> event) {

    public static final int DEFAULT_MAX_INSTANCES = 1;

    public static Schedule manual() {
        return new Schedule(
                ScheduleType.MANUAL,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                DEFAULT_MAX_INSTANCES,
                MisfirePolicy.RUN_ONCE,
                Optional.empty());
    }

    /** The pipeline's zone, or {@code agentZone} when the file names none. */
    public ZoneId zoneOr(ZoneId agentZone) {
        return timezone.orElse(agentZone);
    }
}
