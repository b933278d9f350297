package dev.orchestrator.yaml;

import dev.orchestrator.diagnostic.DiagnosticCode;
import dev.orchestrator.model.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Binds a task's {@code retry:} mapping: a backoff schedule, or an explicit one in {@code delays}. */
final class RetryReader {

    static final double MAX_DELAY_SECONDS = 7.0 * 24 * 3600;
    /** What {@code jitter: true} means: each wait is shortened by up to half, at random. */
    private static final double JITTER_WHEN_TRUE = 0.5;
    /** The keys of the backoff schedule, which an explicit {@code delays} schedule replaces. */
    private static final List<String> BACKOFF_KEYS = List.of("delay_seconds", "backoff", "max_delay_seconds");

    private final BindContext context;

    RetryReader(BindContext context) {
        this.context = context;
    }

    RetryPolicy read(MappingReader task) {
        Optional<MappingReader> found = task.mapping("retry", "the retry of " + task.owner(), FormatKeys.RETRY);
        if (found.isEmpty()) {
            return RetryPolicy.defaults();
        }
        MappingReader retry = found.get();
        int times = retry.integer("times", RetryPolicy.DEFAULT_TIMES, 0, 100);
        Duration delay = retry.number("delay_seconds", 0, MAX_DELAY_SECONDS)
                .map(YamlNumbers::toDuration)
                .orElse(RetryPolicy.DEFAULT_DELAY);
        double backoff = retry.number("backoff", 1.0, 100.0).orElse(RetryPolicy.DEFAULT_BACKOFF);
        Duration maxDelay = retry.number("max_delay_seconds", 0, MAX_DELAY_SECONDS)
                .map(YamlNumbers::toDuration)
                .orElse(RetryPolicy.DEFAULT_MAX_DELAY);
        if (retry.has("max_delay_seconds") && maxDelay.compareTo(delay) < 0) {
            retry.reportAt(
                    "max_delay_seconds",
                    DiagnosticCode.MAX_DELAY_BELOW_DELAY,
                    "max_delay_seconds of " + task.owner() + " is below delay_seconds, so every retry waits only "
                            + maxDelay.toMillis() / 1000.0 + " s",
                    "raise max_delay_seconds or lower delay_seconds");
        }
        double jitter = jitter(retry);
        List<String> onExceptions =
                retry.strings("on_exceptions").stream().map(String::strip).toList();
        return new RetryPolicy(times, delay, backoff, maxDelay, jitter, onExceptions, delays(retry, task.owner()));
    }

    /** {@code delays: [1, 5, 10]}: seconds before each retry; empty when absent or wrong (then reported). */
    private List<Duration> delays(MappingReader retry, String taskOwner) {
        Optional<Node> value = retry.node("delays");
        if (value.isEmpty()) {
            return List.of();
        }
        for (String key : BACKOFF_KEYS) {
            if (retry.has(key)) {
                retry.reportAt(
                        key,
                        DiagnosticCode.EXCLUSIVE_KEYS,
                        "the retry of " + taskOwner + " has both 'delays' and '" + key + "'",
                        "delays is a schedule of its own: retry k waits delays[k-1] seconds, the last one repeating;"
                                + " remove '" + key + "' or 'delays'");
            }
        }
        List<Node> items = retry.sequence("delays");
        if (value.get() instanceof SequenceNode && items.isEmpty()) {
            retry.reportAt(
                    "delays",
                    DiagnosticCode.MISSING_KEY,
                    "'delays' of the retry of " + taskOwner + " is empty",
                    "list the seconds to wait before each retry, such as [1, 5, 10], or remove 'delays'");
        }
        List<Duration> delays = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            seconds(items.get(i), i, taskOwner).ifPresent(delays::add);
        }
        return delays;
    }

    private Optional<Duration> seconds(Node item, int index, String taskOwner) {
        String what = "item " + (index + 1) + " of 'delays' in the retry of " + taskOwner;
        if (!(item instanceof ScalarNode scalar) || YamlValues.isNull(item)) {
            context.report(
                    item,
                    DiagnosticCode.WRONG_TYPE,
                    what + " is " + YamlValues.describe(item) + ", expected seconds as a number",
                    null);
            return Optional.empty();
        }
        Optional<String> text = context.usableText(scalar);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Double seconds = YamlValues.parseDouble(text.get());
        if (seconds == null) {
            context.report(
                    item,
                    DiagnosticCode.WRONG_TYPE,
                    what + " is '" + YamlValues.abbreviate(text.get()) + "', expected seconds as a number",
                    null);
            return Optional.empty();
        }
        if (seconds < 0 || seconds > MAX_DELAY_SECONDS) {
            context.report(
                    item,
                    DiagnosticCode.OUT_OF_RANGE,
                    what + " must be " + YamlNumbers.range(0, MAX_DELAY_SECONDS) + ", got "
                            + YamlNumbers.format(seconds),
                    null);
            return Optional.empty();
        }
        return Optional.of(YamlNumbers.toDuration(seconds));
    }

    /** {@code jitter: true|false}, or the fraction of each wait that may be cut at random. */
    private static double jitter(MappingReader retry) {
        Optional<String> text = retry.string("jitter");
        if (text.isEmpty()) {
            return 0.0;
        }
        Boolean flag = YamlValues.parseBoolean(text.get());
        if (flag != null) {
            return flag ? JITTER_WHEN_TRUE : 0.0;
        }
        return retry.number("jitter", 0.0, 1.0).orElse(0.0);
    }
}
