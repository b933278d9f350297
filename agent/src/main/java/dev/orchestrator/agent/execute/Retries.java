package dev.orchestrator.agent.execute;

import dev.orchestrator.agent.connector.ConnectorConfigurationException;
import dev.orchestrator.connector.NonRetryableException;
import dev.orchestrator.model.RetryPolicy;
import dev.orchestrator.model.Task;
import dev.orchestrator.model.TaskState;
import dev.orchestrator.template.TemplateRenderException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** Which failures are worth another attempt (SPEC 4). Stateless. */
final class Retries {

    /** How {@code on_exceptions} names a timed-out attempt. */
    static final String TIMEOUT_NAME = "TimeoutException";

    private Retries() {}

    /**
     * Whether an attempt that ended as {@code outcome} is tried again, and after how long.
     *
     * @param attempt the number of the attempt that ended, from 1
     * @param error   why it did not succeed (null for a success)
     * @param random  the jitter's source, drawn from only when the task is retried
     * @return the delay before the next attempt; empty when the task ends with this attempt
     */
    static Optional<Duration> decide(
            Task task, int attempt, TaskState outcome, Throwable error, RandomGenerator random) {
        if (outcome == TaskState.SUCCESS || attempt >= task.retry().maxAttempts() || !retryable(outcome, error, task)) {
            return Optional.empty();
        }
        return Optional.of(task.retry().delayBefore(attempt, random.nextDouble()));
    }

    private static boolean retryable(TaskState outcome, Throwable error, Task task) {
        // a wait that timed out would only wait again, as would a sensor: a longer timeout says that better
        // an approval rejected is an answer, not a failure that may pass
        if (EventWaiting.waits(task) || (task.sensor().isPresent() && outcome == TaskState.TIMEOUT)) {
            return false;
        }
        if (outcome == TaskState.TIMEOUT) {
            return isTimeoutRetryable(task.retry());
        }
        return outcome == TaskState.FAILED && isRetryable(error, task.retry());
    }

    /** A failed attempt: configuration errors and non-retryable exceptions never; others per on_exceptions. */
    static boolean isRetryable(Throwable error, RetryPolicy policy) {
        if (error instanceof TemplateRenderException
                || error instanceof ConnectorConfigurationException
                || error instanceof NonRetryableException) {
            return false;
        }
        List<String> names = policy.onExceptions();
        if (names.isEmpty()) {
            return true;
        }
        for (Class<?> type = error.getClass(); type != null; type = type.getSuperclass()) {
            if (names.contains(type.getSimpleName()) || names.contains(type.getName())) {
                return true;
            }
        }
        return false;
    }

    /** A timed-out attempt: retried unless on_exceptions is given and does not name TimeoutException. */
    static boolean isTimeoutRetryable(RetryPolicy policy) {
        return policy.onExceptions().isEmpty()
                || policy.onExceptions().contains(TIMEOUT_NAME)
                || policy.onExceptions().contains("java.util.concurrent." + TIMEOUT_NAME);
    }
}
