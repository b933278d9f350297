package dev.orchestrator.agent.execute;

import dev.orchestrator.agent.connector.ConnectorConfigurationException;
import dev.orchestrator.connector.NonRetryableException;
import dev.orchestrator.model.RetryPolicy;
import dev.orchestrator.template.TemplateRenderException;

import java.util.List;

/** Which failures are worth another attempt (SPEC 4). Stateless. */
final class Retries {

    /** How {@code on_exceptions} names a timed-out attempt. */
    static final String TIMEOUT_NAME = "TimeoutException";

    private Retries() {
    }

    /** A failed attempt: configuration errors and non-retryable exceptions never; others per on_exceptions. */
    static boolean isRetryable(Throwable error, RetryPolicy policy) {
        if (error instanceof TemplateRenderException || error instanceof ConnectorConfigurationException
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
        return policy.onExceptions().isEmpty() || policy.onExceptions().contains(TIMEOUT_NAME)
                || policy.onExceptions().contains("java.util.concurrent." + TIMEOUT_NAME);
    }
}
