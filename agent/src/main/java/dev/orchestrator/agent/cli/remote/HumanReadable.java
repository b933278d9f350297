package dev.orchestrator.agent.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The API's values as a person reads them: times in this machine's zone (the API sends the agent's offset,
 * which may be another) or a pipeline's, always followed by the zone's name, durations in the largest fitting
 * units, "-" for nothing. Immutable.
 */
final class HumanReadable {

    static final String NOTHING = "-";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final ZoneId zone;

    HumanReadable(ZoneId zone) {
        this.zone = zone;
    }

    /** An ISO 8601 time with offset, in this zone and saying it ({@code 2026-12-07 06:00:00 Europe/Berlin}). */
    String time(JsonNode value) {
        return time(value, zone);
    }

    /** An ISO 8601 time with offset in the given zone, saying it; anything else as it came. */
    static String time(JsonNode value, ZoneId zone) {
        if (!value.isTextual() || value.asText().isBlank()) {
            return NOTHING;
        }
        try {
            return OffsetDateTime.parse(value.asText()).atZoneSameInstant(zone).format(TIME) + " " + zone.getId();
        } catch (DateTimeParseException e) {
            return value.asText();
        }
    }

    /** A zone the API named, else this one. */
    ZoneId zoneOr(JsonNode name) {
        try {
            return name.isTextual() ? ZoneId.of(name.asText()) : zone;
        } catch (java.time.DateTimeException e) {
            return zone;
        }
    }

    /** The first line of a message, cut to {@code max} characters; "-" for none. */
    static String firstLine(JsonNode value, int max) {
        String text = text(value);
        String first = text.lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .findFirst()
                .orElse(NOTHING);
        return first.length() > max ? first.substring(0, max - 3) + "..." : first;
    }

    /** From {@code started_at} to {@code finished_at}; "-" when it has not started or not ended. */
    String duration(JsonNode startedAt, JsonNode finishedAt) {
        if (!startedAt.isTextual() || !finishedAt.isTextual()) {
            return NOTHING;
        }
        try {
            return duration(Duration.between(
                    OffsetDateTime.parse(startedAt.asText()), OffsetDateTime.parse(finishedAt.asText())));
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
