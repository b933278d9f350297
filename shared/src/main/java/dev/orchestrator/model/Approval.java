package dev.orchestrator.model;

import java.time.Duration;

/**
 * A task that waits for an operator's decision ({@code approval: {message: ..., timeout_seconds: ...}}): approved,
 * it succeeds with who approved it as its output; rejected, it fails and is not retried; with no decision within
 * the task's timeout, it times out. It calls no connector.
 *
 * @param message what the operator is asked, such as "Publish the Q3 numbers?"
 */
public record Approval(String message) {

    /** How long an approval waits when neither {@code approval.timeout_seconds} nor the task's timeout says. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(24);
}
