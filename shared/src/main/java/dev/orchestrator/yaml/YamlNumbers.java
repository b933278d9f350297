package dev.orchestrator.yaml;

import java.time.Duration;

/**
 * Numbers of the pipeline format as its messages show them ({@code 5}, not {@code 5.0}), the ranges they must lie
 * in, and seconds read as durations.
 */
final class YamlNumbers {

    private YamlNumbers() {}

    /** A whole number without its fraction, any other as Java writes it. */
    static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    /** The range {@code [min, max]} in words; a {@code max} of {@link Integer#MAX_VALUE} or more is no bound. */
    static String range(double min, double max) {
        return max >= Integer.MAX_VALUE ? "at least " + format(min) : "between " + format(min) + " and " + format(max);
    }

    /** Seconds, fractions to the millisecond, as a duration. */
    static Duration toDuration(double seconds) {
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}
