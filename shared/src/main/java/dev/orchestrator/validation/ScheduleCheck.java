package dev.orchestrator.validation;

import dev.orchestrator.cron.CronSchedule;
import dev.orchestrator.cron.InvalidCronException;
import dev.orchestrator.diagnostic.DiagnosticCode;
import dev.orchestrator.diagnostic.Diagnostics;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.Schedule;
import dev.orchestrator.model.ScheduleType;
import dev.orchestrator.model.SourceMap;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** Each schedule type has what it needs, its cron parses and fires, and its dates are in order. */
final class ScheduleCheck implements PipelineCheck {

    private final Clock clock;

    ScheduleCheck(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void check(Pipeline pipeline, ValidationScope scope, Diagnostics diagnostics) {
        Schedule schedule = pipeline.schedule();
        SourceMap source = pipeline.source();
        String owner = "pipeline '" + pipeline.id() + "'";
        switch (schedule.type()) {
            case CRON -> checkCron(schedule, source, owner, scope, diagnostics);
            case INTERVAL -> {
                if (schedule.interval().isEmpty() && !hasKey(source, "interval_seconds")) {
                    diagnostics.report(
                            source.valueAt("schedule"),
                            DiagnosticCode.MISSING_INTERVAL,
                            "the interval schedule of " + owner + " has no interval_seconds",
                            "add 'interval_seconds: 300' to run every five minutes");
                }
            }
            case EVENT -> {
                if (schedule.event().isEmpty()) {
                    diagnostics.report(
                            source.valueAt("schedule"),
                            DiagnosticCode.MISSING_EVENT,
                            "the event schedule of " + owner + " names no event",
                            "add 'event: file_arrived' (the name that POST /api/v1/events/<name> uses)");
                }
            }
            case MANUAL -> {
                // nothing is required of a manual schedule
            }
        }
        reportIgnored(schedule, source, owner, diagnostics);
        if (startsAfterEnd(schedule)) {
            diagnostics.report(
                    source.valueAt("schedule.start_date"),
                    DiagnosticCode.START_AFTER_END,
                    "start_date " + schedule.startDate().get().toLocalDate() + " of " + owner
                            + " comes after its end_date "
                            + schedule.endDate().get().toLocalDate(),
                    "swap them, or correct one of them");
        }
    }

    private void checkCron(
            Schedule schedule, SourceMap source, String owner, ValidationScope scope, Diagnostics diagnostics) {
        if (schedule.cronExpr().filter(text -> !text.isBlank()).isEmpty()) {
            if (!hasKey(source, "cron_expr") || schedule.cronExpr().isPresent()) {
                diagnostics.report(
                        source.valueAt("schedule"),
                        DiagnosticCode.MISSING_CRON,
                        "the cron schedule of " + owner + " has no cron_expr",
                        "add for example 'cron_expr: \"0 6 * * *\"' for every day at 06:00");
            }
            return;
        }
        try {
            CronSchedule cron = CronSchedule.parse(schedule.cronExpr().get());
            ZoneId zone = schedule.zoneOr(clock.getZone());
            ZonedDateTime from = schedule.startDate()
                    .map(start -> start.atZone(zone))
                    .filter(start -> start.isAfter(clock.instant().atZone(zone)))
                    .orElse(clock.instant().atZone(zone));
            var next = cron.nextAfter(from);
            if (next.isEmpty()) {
                diagnostics.report(
                        source.valueAt("schedule.cron_expr"),
                        DiagnosticCode.CRON_NEVER_FIRES,
                        "cron_expr '" + cron.expression() + "' of " + owner + " never fires after "
                                + from.toLocalDate(),
                        "check the day of month and the month (February 30 never comes) and the year field");
            } else if (schedule.endDate().isPresent()
                    && !startsAfterEnd(schedule)
                    && next.get().toLocalDateTime().isAfter(schedule.endDate().get())) {
                diagnostics.report(
                        source.valueAt("schedule.end_date"),
                        DiagnosticCode.CRON_NEVER_FIRES,
                        "the schedule of " + owner + " ends "
                                + schedule.endDate().get().toLocalDate() + ", before its next fire time "
                                + next.get().toLocalDateTime(),
                        "move end_date later, or remove the schedule if the pipeline is retired");
            }
        } catch (InvalidCronException e) {
            // the cron library quotes pieces of the expression, upper-cased or split, which no mask recognises:
            // an expression holding a secret is named, never quoted
            String message = scope.holdsSecret(schedule.cronExpr().get())
                    ? "cron_expr of " + owner + " is not a valid cron expression; it holds the value of an environment "
                            + "variable, so its text is not shown"
                    : e.getMessage();
            diagnostics.report(
                    source.valueAt("schedule.cron_expr"),
                    DiagnosticCode.INVALID_CRON,
                    message,
                    "for example \"0 6 * * *\" is every day at 06:00, \"*/15 * * * *\" every 15 minutes, "
                            + "\"0 8 * * 1-5\" at 08:00 on weekdays");
        }
    }

    /** A key that its type ignores is most likely a forgotten {@code type:}. */
    private static void reportIgnored(Schedule schedule, SourceMap source, String owner, Diagnostics diagnostics) {
        ScheduleType type = schedule.type();
        if (type != ScheduleType.CRON && schedule.cronExpr().isPresent()) {
            ignored(source, "cron_expr", type, owner, "cron", diagnostics);
        }
        if (type != ScheduleType.INTERVAL && schedule.interval().isPresent()) {
            ignored(source, "interval_seconds", type, owner, "interval", diagnostics);
        }
        if (type != ScheduleType.EVENT && schedule.event().isPresent()) {
            ignored(source, "event", type, owner, "event", diagnostics);
        }
    }

    private static void ignored(
            SourceMap source, String key, ScheduleType type, String owner, String wanted, Diagnostics diagnostics) {
        diagnostics.report(
                source.keyAt("schedule." + key),
                DiagnosticCode.IGNORED_SCHEDULE_KEY,
                "'" + key + "' of " + owner + " is ignored because the schedule type is '" + type.yamlName() + "'",
                "remove '" + key + "', or set 'type: " + wanted + "' if the pipeline should run this way");
    }

    private static boolean startsAfterEnd(Schedule schedule) {
        return schedule.startDate().isPresent()
                && schedule.endDate().isPresent()
                && schedule.startDate().get().isAfter(schedule.endDate().get());
    }

    private static boolean hasKey(SourceMap source, String key) {
        return source.keys().containsKey("schedule." + key);
    }
}
