package dev.orchestrator.agent.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The API's values as a person reads them: times in this machine's zone (the API sends the agent's offset,
 * which may be another), durations in the largest fitting units, "-" for nothing. Immutable.
 */
final class HumanReadable {

    static final String NOTHING = "-";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final ZoneId zone;

    HumanReadable(ZoneId zone) {
        this.zone = zone;
    }

    /** An ISO 8601 time with offset, in local time; anything else as it came. */
    String time(JsonNode value) {
        if (!value.isTextual() || value.asText().isBlank()) {
            return NOTHING;
        }
        try {
            return OffsetDateTime.parse(value.asText()).atZoneSameInstant(zone).format(TIME);
        } catch (DateTimeParseException e) {
            return value.asText();
        }
    }

    /** From {@code started_at} to {@code finished_at}; "-" when it has not started or not ended. */
    String duration(JsonNode startedAt, JsonNode finishedAt) {
        if (!startedAt.isTextual() || !finishedAt.isTextual()) {
            return NOTHING;
        }
        try {
            return duration(Duration.between(OffsetDateTime.parse(startedAt.asText()),
                    OffsetDateTime.parse(finishedAt.asText())));
        } catch (DateTimeParseException e) {
            return NOTHING;
        }
    }

    static String duration(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 60_000) {
            return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        if (millis < 3_600_000) {
            return duration.toMinutes() + " min " + duration.toSecondsPart() + " s";
        }
        return duration.toHours() + " h " + duration.toMinutesPart() + " min";
    }

    /** A text field, or "-" when absent or empty. */
    static String text(JsonNode value) {
        return value.isMissingNode() || value.isNull() || value.asText().isEmpty() ? NOTHING : value.asText();
    }
}
