package dev.orchestrator.desktop.format;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How the console writes times, durations and schedules: short, local, the same everywhere. */
public final class Format {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("MMM d, HH:mm", Locale.ENGLISH);
    private static final Pattern CRON_IN_WORDS = Pattern.compile("^(.*?) \\((.*)\\)( (.+))?$");
    private static final Pattern EVERY_SECONDS = Pattern.compile("^every (\\d+) s$");

    private Format() {}

    /** {@code 14:03:07} today, {@code Mar 14, 06:00} on other days, in the console's zone; {@code —} for none. */
    public static String time(OffsetDateTime time, ZoneId zone, LocalDate today) {
        if (time == null) {
            return "—";
        }
        var local = time.atZoneSameInstant(zone);
        return local.toLocalDate().equals(today) ? TIME.format(local) : DAY_TIME.format(local);
    }

    /**
     * When a run started, as {@link #time}; {@code queued} while it waits for a slot, {@code —} when it never
     * started (cancelled while queued). Not its creation time: a run that queued started later than that.
     */
    public static String started(OffsetDateTime startedAt, String status, ZoneId zone, LocalDate today) {
        if (startedAt != null) {
            return time(startedAt, zone, today);
        }
        return "queued".equals(status) ? "queued" : "—";
    }

    /**
     * A column's or a field's title with the zone its times are shown in ({@code Started (Europe/Berlin)}): the
     * console shows times in this computer's zone, which may not be the agent's or a schedule's.
     */
    public static String inZone(String title, ZoneId zone) {
        return title + " (" + zone.getId() + ")";
    }

    /** A run's parameters as {@code day=2026-11-20, region=eu}, by name; {@code none} when it has none. */
    public static String params(java.util.Map<String, ?> params) {
        if (params == null || params.isEmpty()) {
            return "none";
        }
        return new java.util.TreeMap<>(params)
                .entrySet().stream()
                        .map(entry -> entry.getKey() + "=" + entry.getValue())
                        .collect(java.util.stream.Collectors.joining(", "));
    }

    /** {@code 850 ms}, {@code 12.4 s}, {@code 3 min 05 s}, {@code 2 h 10 min}. */
    public static String duration(Long millis) {
        if (millis == null) {
            return "—";
        }
        if (millis < 1_000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        Duration duration = Duration.ofMillis(millis);
        if (millis < 3_600_000) {
            return String.format(Locale.ROOT, "%d min %02d s", duration.toMinutes(), duration.toSecondsPart());
        }
        return String.format(Locale.ROOT, "%d h %02d min", duration.toHours(), duration.toMinutesPart());
    }

    /**
     * A schedule as people say it, from the agent's description: {@code "0 6 * * * (at 06:00) Europe/Berlin"}
     * becomes {@code "at 06:00, Europe/Berlin"}; {@code "every 300 s"} becomes {@code "every 5 minutes"}.
     */
    public static String schedule(String described) {
        if (described == null || described.isBlank()) {
            return "—";
        }
        Matcher cron = CRON_IN_WORDS.matcher(described);
        if (cron.matches()) {
            return cron.group(2) + (cron.group(4) == null ? "" : ", " + cron.group(4));
        }
        Matcher every = EVERY_SECONDS.matcher(described);
        if (every.matches()) {
            long seconds = Long.parseLong(every.group(1));
            if (seconds % 3600 == 0) {
                return seconds == 3600 ? "every hour" : "every " + seconds / 3600 + " hours";
            }
            if (seconds % 60 == 0) {
                return seconds == 60 ? "every minute" : "every " + seconds / 60 + " minutes";
            }
            return "every " + seconds + " seconds";
        }
        return switch (described) {
            case "manual" -> "manual only";
            case "event" -> "on events";
            default -> described;
        };
    }

    /** A percentage with no decimals, or {@code —}. */
    public static String percent(Double ratio) {
        return ratio == null ? "—" : Math.round(ratio * 100) + " %";
    }

    /** The state as shown: {@code upstream_failed} as {@code upstream failed}. */
    public static String state(String state) {
        return state == null ? "—" : state.replace('_', ' ');
    }

    /**
     * Where a run is read from, and the agent that ran it when that is another one: in a cluster every agent
     * serves every run, so the console's agent and the run's may differ ({@code local · ran on agent-2}).
     *
     * @param sessionAgentId the id of the agent read from, null when not known yet
     * @param runAgentId     the run's {@code agent_id}, null from agents older than clusters
     */
    public static String agent(String sessionName, String sessionAgentId, String runAgentId) {
        return runAgentId == null || sessionAgentId == null || runAgentId.equals(sessionAgentId)
                ? sessionName
                : sessionName + " · ran on " + runAgentId;
    }
}
