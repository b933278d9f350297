package dev.orchestrator.yaml;

import dev.orchestrator.diagnostic.DiagnosticCode;
import dev.orchestrator.model.Deadline;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Binds a pipeline's {@code deadline:} mapping. Whether it can ever be checked is the validator's. */
final class DeadlineReader {

    private static final double ONE_WEEK_SECONDS = 7.0 * 24 * 3600;
    /** {@code 7:00}, {@code 07:00} or {@code 07:00:30}, on a 24-hour clock. */
    private static final Pattern TIME_OF_DAY = Pattern.compile("([01]?\\d|2[0-3]):([0-5]\\d)(?::([0-5]\\d))?");

    private DeadlineReader() {}

    static Optional<Deadline> read(MappingReader pipeline) {
        Optional<MappingReader> found =
                pipeline.mapping("deadline", "the deadline of " + pipeline.owner(), FormatKeys.DEADLINE);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        MappingReader deadline = found.get();
        Optional<Duration> startWithin = deadline.positiveSeconds("start_within_seconds", ONE_WEEK_SECONDS);
        Optional<Duration> finishWithin = deadline.positiveSeconds("finish_within_seconds", ONE_WEEK_SECONDS);
        Optional<LocalTime> finishBy = deadline.string("finish_by").flatMap(text -> timeOfDay(deadline, text.strip()));
        if (!deadline.has("start_within_seconds")
                && !deadline.has("finish_within_seconds")
                && !deadline.has("finish_by")) {
            pipeline.reportAt(
                    "deadline",
                    DiagnosticCode.EMPTY_DEADLINE,
                    "the deadline of " + pipeline.owner() + " sets none of start_within_seconds, "
                            + "finish_within_seconds, finish_by",
                    "add for example 'finish_within_seconds: 1800', or remove 'deadline'");
            return Optional.empty();
        }
        Deadline read = new Deadline(startWithin, finishWithin, finishBy);
        return read.isEmpty() ? Optional.empty() : Optional.of(read);
    }

    private static Optional<LocalTime> timeOfDay(MappingReader deadline, String text) {
        Matcher match = TIME_OF_DAY.matcher(text);
        if (!match.matches()) {
            deadline.reportAt(
                    "finish_by",
                    DiagnosticCode.INVALID_FINISH_BY,
                    "'finish_by' of " + deadline.owner() + " is '" + text + "', not a time of day",
                    "write a time on a 24-hour clock in quotes, such as \"07:00\" or \"18:30:00\"");
            return Optional.empty();
        }
        int seconds = match.group(3) == null ? 0 : Integer.parseInt(match.group(3));
        return Optional.of(LocalTime.of(Integer.parseInt(match.group(1)), Integer.parseInt(match.group(2)), seconds));
    }
}
