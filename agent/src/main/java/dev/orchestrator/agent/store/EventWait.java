package dev.orchestrator.agent.store;

import java.time.Instant;

/**
 * A task waiting for an event (SPEC 4).
 *
 * @param key      the task's {@code wait_for.key}, rendered when it began waiting
 * @param agentId  the agent running the task, the one that completes it
 * @param deadline when the wait ends as {@code timeout}
 */
public record EventWait(
        String runId,
        String taskId,
        String event,
        String key,
        String agentId,
        Instant waitingSince,
        Instant deadline) {}
