package dev.orchestrator.model;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.Optional;

/**
 * When a scheduled run must have started and finished (a pipeline's {@code deadline:}). Immutable.
 *
 * <p>{@code finish_by} is a wall-clock time on the run's scheduled day, in the pipeline's time zone. On the day the
 * clocks skip that time (Europe/Berlin skips 02:00-03:00 in spring) it is the first valid instant after the gap
 * (03:00); on the day the clocks repeat it (autumn), its first occurrence. When that time is not after the
 * scheduled time (a run scheduled at 23:00 with {@code finish_by: "06:00"}), it is the next day's.
 *
 * @param startWithin  the run must have started this long after its scheduled time
 * @param finishWithin the run must have succeeded this long after its scheduled time
 * @param finishBy     the run must have succeeded by this wall-clock time
 */
public record Deadline(Optional<Duration> startWithin, Optional<Duration> finishWithin, Optional<LocalTime> finishBy) {

    /** The kinds of deadline a scheduled run can miss. */
    public enum Kind {
        START,
        FINISH;

        public String yamlName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One deadline of one scheduled run.
     *
     * @param rule how the file says it, such as {@code finish_by "07:00"}
     */
    public record Due(Kind kind, ZonedDateTime at, String rule) {}

    public boolean isEmpty() {
        return startWithin.isEmpty() && finishWithin.isEmpty() && finishBy.isEmpty();
    }

    /** The start deadline of the run scheduled at {@code scheduled}, if the pipeline has one. */
    public Optional<Due> start(ZonedDateTime scheduled) {
        return startWithin.map(
                within -> new Due(Kind.START, scheduled.plus(within), "start_within_seconds " + within.toSeconds()));
    }

    /** The finish deadline of the run scheduled at {@code scheduled}: the earlier of finish_within and finish_by. */
    public Optional<Due> finish(ZonedDateTime scheduled) {
        Optional<Due> within = finishWithin.map(duration ->
                new Due(Kind.FINISH, scheduled.plus(duration), "finish_within_seconds " + duration.toSeconds()));
        Optional<Due> by = finishBy.map(
                time -> new Due(Kind.FINISH, finishByAfter(scheduled, time), "finish_by \"" + time + "\""));
        if (within.isPresent() && by.isPresent()) {
            return Optional.of(by.get().at().isBefore(within.get().at()) ? by.get() : within.get());
        }
        return within.isPresent() ? within : by;
    }

    /** The longest a deadline can lie after its scheduled time: how far back a check must look for fires. */
    public Duration longestReach() {
        Duration reach = startWithin.orElse(Duration.ZERO);
        if (finishWithin.isPresent() && finishWithin.get().compareTo(reach) > 0) {
            reach = finishWithin.get();
        }
        // the next day's time, plus an hour a daylight-saving change may add
        return finishBy.isPresent() ? reach.plusHours(26) : reach;
    }

    /** {@code time} on the scheduled day in its zone, or on the next day when that is not after the scheduled time. */
    static ZonedDateTime finishByAfter(ZonedDateTime scheduled, LocalTime time) {
        ZoneId zone = scheduled.getZone();
        ZonedDateTime sameDay = place(scheduled.toLocalDate().atTime(time), zone);
        if (sameDay.isAfter(scheduled)) {
            return sameDay;
        }
        return place(scheduled.toLocalDate().plusDays(1).atTime(time), zone);
    }

    /** A wall-clock time in the zone: the end of the gap if it was skipped, its first occurrence if repeated. */
    private static ZonedDateTime place(LocalDateTime wallClock, ZoneId zone) {
        ZoneOffsetTransition transition = zone.getRules().getTransition(wallClock);
        if (transition != null && transition.isGap()) {
            return transition.getDateTimeAfter().atZone(zone);
        }
        return ZonedDateTime.ofLocal(wallClock, zone, null);
    }
}
