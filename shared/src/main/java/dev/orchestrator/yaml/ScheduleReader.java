package dev.orchestrator.yaml;

import dev.orchestrator.diagnostic.DiagnosticCode;
import dev.orchestrator.diagnostic.Suggestions;
import dev.orchestrator.model.MisfirePolicy;
import dev.orchestrator.model.Schedule;
import dev.orchestrator.model.ScheduleType;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Binds a pipeline's {@code schedule:} mapping. Cron syntax and cross-field rules are the validator's. */
final class ScheduleReader {

    private static final double ONE_YEAR_SECONDS = 366.0 * 24 * 3600;

    private ScheduleReader() {}

    static Schedule read(MappingReader pipeline) {
        Optional<MappingReader> found =
                pipeline.mapping("schedule", "the schedule of " + pipeline.owner(), FormatKeys.SCHEDULE);
        if (found.isEmpty()) {
            return Schedule.manual();
        }
        MappingReader schedule = found.get();
        ScheduleType type = schedule.choice("type", ScheduleType.class, ScheduleType.MANUAL);
        Optional<String> cron = schedule.string("cron_expr").map(String::strip);
        Optional<ZoneId> zone = schedule.string("timezone").flatMap(text -> zone(schedule, text.strip()));
        Optional<LocalDateTime> start =
                schedule.string("start_date").flatMap(text -> dateTime(schedule, "start_date", text.strip(), false));
        Optional<LocalDateTime> end =
                schedule.string("end_date").flatMap(text -> dateTime(schedule, "end_date", text.strip(), true));
        int maxInstances = schedule.integer("max_instances", Schedule.DEFAULT_MAX_INSTANCES, 1, 1000);
        MisfirePolicy misfire = schedule.choice("misfire", MisfirePolicy.class, MisfirePolicy.RUN_ONCE);
        var interval = schedule.positiveSeconds("interval_seconds", ONE_YEAR_SECONDS);
        Optional<String> event = schedule.string("event").map(String::strip);
        return new Schedule(type, cron, zone, start, end, interval, maxInstances, misfire, event);
    }

    private static Optional<ZoneId> zone(MappingReader schedule, String text) {
        try {
            return Optional.of(ZoneId.of(text));
        } catch (DateTimeException e) {
            String suggestion = Suggestions.didYouMean(text, ZoneId.getAvailableZoneIds());
            schedule.reportAt(
                    "timezone",
                    DiagnosticCode.INVALID_TIMEZONE,
                    "timezone '" + text + "' of " + schedule.owner() + " is not a known time zone"
                            + (suggestion == null ? "" : "; " + suggestion),
                    "use a region id such as 'Europe/Berlin', 'Asia/Shanghai' or 'UTC'");
            return Optional.empty();
        }
    }

    /** {@code 2024-01-01} or {@code 2024-01-01T06:00[:00]}; a date alone ends at the end of the day. */
    private static Optional<LocalDateTime> dateTime(MappingReader schedule, String key, String text, boolean endOfDay) {
        try {
            if (text.length() <= 10) {
                LocalDate date = LocalDate.parse(text);
                return Optional.of(endOfDay ? date.atTime(LocalTime.MAX) : date.atStartOfDay());
            }
            return Optional.of(LocalDateTime.parse(text.replace(' ', 'T')));
        } catch (DateTimeParseException e) {
            schedule.reportAt(
                    key,
                    DiagnosticCode.INVALID_DATE,
                    "'" + key + "' of " + schedule.owner() + " is '" + text + "', not a date",
                    "write a date as YYYY-MM-DD, or a date and time as YYYY-MM-DDTHH:MM:SS");
            return Optional.empty();
        }
    }
}
