package dev.orchestrator.agent.store.jdbi;

import dev.orchestrator.agent.store.RunQuery;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code WHERE} clause of a run query on the {@code runs} table, with its bind values. */
final class RunFilter {

    private RunFilter() {}

    static String where(RunQuery query, Map<String, Object> binds) {
        StringBuilder where = new StringBuilder(whereWithoutText(query, binds));
        query.text().ifPresent(text -> {
            // what the search index (RunSearch) finds, row by row: a piece of the pipeline id or of the reason, the
            // start of the run id's suffix (its random hex), and the start of the run id; that of a date (an id
            // made by the agent: run_DATE_TIME_HEX) read as the range of creation times the id's date stands for
            String lower = text.toLowerCase(Locale.ROOT);
            Optional<Date> date = Date.of(lower);
            where.append(" AND (")
                    .append(date.isPresent() ? Date.CLAUSE : "run_id LIKE :idStart")
                    .append(" OR id_suffix LIKE :suffixStart OR LOWER(pipeline_id) LIKE :text")
                    .append(" OR LOWER(COALESCE(reason, '')) LIKE :text)");
            date.ifPresent(range -> range.bind(binds));
            binds.put("idStart", escaped(date.map(Date::idStart).orElse(lower)) + "%");
            binds.put("suffixStart", escaped(lower) + "%");
            binds.put("text", containing(text));
        });
        return where.toString();
    }

    /** The clause of every filter but the text. */
    static String whereWithoutText(RunQuery query, Map<String, Object> binds) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        query.pipelineId().ifPresent(id -> {
            where.append(" AND pipeline_id = :pipelineId");
            binds.put("pipelineId", id);
        });
        query.status().ifPresent(status -> {
            where.append(" AND status = :status");
            binds.put("status", status);
        });
        query.from().ifPresent(from -> {
            where.append(" AND created_at >= :from");
            binds.put("from", from);
        });
        query.to().ifPresent(to -> {
            where.append(" AND created_at < :to");
            binds.put("to", to);
        });
        return where.toString();
    }

    /** A LIKE pattern for text anywhere, any case, with the pattern characters in it taken literally. */
    static String containing(String text) {
        return "%" + escaped(text.toLowerCase(Locale.ROOT)) + "%";
    }

    /** Text for a LIKE pattern, its pattern characters taken literally. */
    static String escaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /**
     * A text that is the start of a run id's date and time ({@code 20240315}, {@code 20240315_06},
     * {@code run_20240315_060001_a3f2}: a valid date, then optionally an underscore and the start of a time, then
     * after a whole time optionally an underscore and the start of the hex): the agent's run ids are
     * {@code run_} + their creation time in UTC + random hex, so its runs are those created in the time it stands
     * for (a day, an hour, ..., a second) whose id starts so. A time alone ({@code 060001}) is no such text.
     *
     * @param low     the first instant the text stands for, less a second: an id made before this change took the
     *                clock again after the run's creation time, so its second may be the next one
     * @param high    the end of that time
     * @param idStart the run id's start, {@code run_} and the text
     */
    record Date(Instant low, Instant high, String idStart) {

        static final String CLAUSE = "(created_at >= :dateLow AND created_at < :dateHigh AND run_id LIKE :idStart)";
        private static final Pattern SHAPE = Pattern.compile("(?:run_)?(\\d{8})(?:_(\\d{0,6})(_[0-9a-f]*)?)?");
        private static final DateTimeFormatter DAY =
                DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);

        static Optional<Date> of(String lower) {
            Matcher matcher = SHAPE.matcher(lower);
            if (!matcher.matches()
                    || (matcher.group(3) != null && matcher.group(2).length() < 6)) {
                return Optional.empty();
            }
            Instant day;
            try {
                day = LocalDate.parse(matcher.group(1), DAY)
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant();
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
            String time = matcher.group(2) == null ? "" : matcher.group(2);
            Instant low = day;
            Instant high = day.plus(Duration.ofDays(1));
            if (!time.isEmpty()) {
                // "06" is 06:00:00 to 07:00:00, "060" 06:00:00 to 06:10:00; "7" (no id has it) a time no id has
                int digits = time.length();
                long start = Long.parseLong(time);
                low = day.plusSeconds(seconds(start, digits));
                high = day.plusSeconds(seconds(start + 1, digits));
            }
            String idStart = lower.startsWith("run_") ? lower : "run_" + lower;
            return Optional.of(new Date(low.minusSeconds(1), high, idStart));
        }

        /** The seconds of the day of a time's first digits (HHmmss), padded with zeros: may pass the day's end. */
        private static long seconds(long start, int digits) {
            long padded = start;
            for (int i = digits; i < 6; i++) {
                padded *= 10;
            }
            return padded / 10_000 * 3600 + padded / 100 % 100 * 60 + padded % 100;
        }

        void bind(Map<String, Object> binds) {
            binds.put("dateLow", low);
            binds.put("dateHigh", high);
        }
    }
}
