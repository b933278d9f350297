package dev.orchestrator.desktop.editor;

import dev.orchestrator.cron.FireTimes;
import dev.orchestrator.model.Pipeline;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;

/**
 * A pipeline's next fire times, as the agent will compute them, each flagged when the clocks change that day
 * in the pipeline's zone: a fire in a skipped hour moves, one in a repeated hour happens once.
 */
public final class NextFires {

    /** One fire, and what the clocks do that day (empty when nothing). */
    public record Fire(ZonedDateTime time, String clockChange) {}

    private NextFires() {}

    public static List<Fire> of(Pipeline pipeline, ZoneId agentZone, Instant after, int count) {
        FireTimes times = FireTimes.of(pipeline.schedule(), agentZone);
        if (!times.isTimed()) {
            return List.of();
        }
        return times.upcoming(after, count).stream()
                .map(time -> new Fire(time, clockChange(time)))
                .toList();
    }

    static String clockChange(ZonedDateTime time) {
        ZoneId zone = time.getZone();
        ZonedDateTime dayStart = time.toLocalDate().atStartOfDay(zone);
        ZoneOffsetTransition transition =
                zone.getRules().nextTransition(dayStart.toInstant().minusSeconds(1));
        if (transition == null
                || !transition.getInstant().isBefore(dayStart.plusDays(1).toInstant())) {
            return "";
        }
        return transition.isGap()
                ? "clocks go forward at " + transition.getDateTimeBefore().toLocalTime() + ": "
                        + transition.getDateTimeBefore().toLocalTime() + "–"
                        + transition.getDateTimeAfter().toLocalTime()
                        + " does not exist that day"
                : "clocks go back at " + transition.getDateTimeBefore().toLocalTime() + ": "
                        + transition.getDateTimeAfter().toLocalTime() + "–"
                        + transition.getDateTimeBefore().toLocalTime()
                        + " happens twice that day";
    }
}
