package dev.orchestrator.cron;

import dev.orchestrator.model.Schedule;
import dev.orchestrator.model.ScheduleType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * When a schedule fires, in its time zone, across daylight-saving changes: the one computation that the
 * scheduler, backfills, {@code /upcoming} and the editor's preview share. Immutable and thread-safe.
 *
 * <p>Cron fields name wall-clock times. A wall-clock time that does not exist (the hour skipped in spring) fires
 * at the end of the gap, once: "30 2 * * *" fires at 03:00 on that day. A time that exists twice (the hour
 * repeated in autumn) fires once, at its first occurrence. Intervals are counted from {@code start_date}, or
 * else from the epoch, so "every 300 s" fires on the clock's five-minute marks, restarts or not.
 */
public final class FireTimes {

    private final Schedule schedule;
    private final ZoneId zone;
    private final CronSchedule cron;

    private FireTimes(Schedule schedule, ZoneId zone, CronSchedule cron) {
        this.schedule = schedule;
        this.zone = zone;
        this.cron = cron;
    }

    /**
     * @param agentZone the zone of a schedule that names none
     * @throws InvalidCronException for a cron schedule whose expression does not parse (validated pipelines
     *                              never have one)
     */
    public static FireTimes of(Schedule schedule, ZoneId agentZone) {
        CronSchedule cron = schedule.type() == ScheduleType.CRON
                ? CronSchedule.parse(schedule.cronExpr()
                        .orElseThrow(() -> new InvalidCronException("a cron schedule needs cron_expr")))
                : null;
        return new FireTimes(schedule, schedule.zoneOr(agentZone), cron);
    }

    /** True when this schedule fires by itself (cron or interval). */
    public boolean isTimed() {
        return schedule.type() == ScheduleType.CRON
                || (schedule.type() == ScheduleType.INTERVAL
                        && schedule.interval().isPresent());
    }

    public ZoneId zone() {
        return zone;
    }

    /** The first fire time strictly after {@code after}, within start_date and end_date. */
    public Optional<ZonedDateTime> nextAfter(Instant after) {
        Optional<Instant> start = schedule.startDate().map(this::toInstant);
        // before start_date, the start itself may fire
        Instant from = start.filter(begin -> begin.isAfter(after))
                .map(begin -> begin.minusNanos(1))
                .orElse(after);
        Optional<ZonedDateTime> next = switch (schedule.type()) {
            case CRON -> nextCron(from);
            case INTERVAL -> schedule.interval().map(interval -> nextInterval(from, interval, start));
            default -> Optional.empty();
        };
        return next.filter(time -> schedule.endDate()
                .map(end -> !time.toLocalDateTime().isAfter(end))
                .orElse(true));
    }

    /** Up to {@code count} fire times after {@code after}. */
    public List<ZonedDateTime> upcoming(Instant after, int count) {
        List<ZonedDateTime> times = new ArrayList<>();
        Instant cursor = after;
        while (times.size() < count) {
            Optional<ZonedDateTime> next = nextAfter(cursor);
            if (next.isEmpty()) {
                break;
            }
            times.add(next.get());
            cursor = next.get().toInstant();
        }
        return times;
    }

    /** Every fire time in {@code (after, until]}, oldest first; at most {@code limit}. */
    public List<ZonedDateTime> between(Instant after, Instant until, int limit) {
        List<ZonedDateTime> times = new ArrayList<>();
        Instant cursor = after;
        while (times.size() < limit) {
            Optional<ZonedDateTime> next =
                    nextAfter(cursor).filter(time -> !time.toInstant().isAfter(until));
            if (next.isEmpty()) {
                break;
            }
            times.add(next.get());
            cursor = next.get().toInstant();
        }
        return times;
    }

    private Optional<ZonedDateTime> nextCron(Instant after) {
        // cron-utils walks wall-clock times on a zone without transitions; each is then placed in the real zone.
        // Cron has whole seconds: without truncating, the milliseconds of "after" would ride along into every
        // fire time and each fire would come a little later than the one before
        LocalDateTime cursor = LocalDateTime.ofInstant(after, zone).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        for (int guard = 0; guard < 100_000; guard++) {
            Optional<ZonedDateTime> candidate = cron.nextAfter(cursor.atZone(ZoneOffset.UTC));
            if (candidate.isEmpty()) {
                return Optional.empty();
            }
            LocalDateTime wallClock = candidate.get().toLocalDateTime().withNano(0);
            ZonedDateTime placed = place(wallClock);
            if (placed.toInstant().isAfter(after)) {
                return Optional.of(placed);
            }
            cursor = wallClock;
        }
        return Optional.empty();
    }

    /** A wall-clock time in the zone: the end of the gap if it was skipped, its first occurrence if repeated. */
    private ZonedDateTime place(LocalDateTime wallClock) {
        ZoneOffsetTransition transition = zone.getRules().getTransition(wallClock);
        if (transition != null && transition.isGap()) {
            return transition.getDateTimeAfter().atZone(zone);
        }
        return ZonedDateTime.ofLocal(wallClock, zone, null);
    }

    private ZonedDateTime nextInterval(Instant after, Duration interval, Optional<Instant> start) {
        long anchor = start.map(Instant::toEpochMilli).orElse(0L);
        long step = interval.toMillis();
        long elapsed = after.toEpochMilli() - anchor;
        long periods = Math.floorDiv(elapsed, step) + 1;
        return Instant.ofEpochMilli(anchor + periods * step).atZone(zone);
    }

    private Instant toInstant(LocalDateTime wallClock) {
        return place(wallClock).toInstant();
    }
}
