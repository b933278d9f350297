package dev.orchestrator.api;

/**
 * A task holding slots of a shared pool, or waiting for them.
 *
 * @param agentId the agent running the task's run
 * @param slots   the slots it holds, or asks for
 * @param since   when it took them, or began to wait (ISO-8601, the agent's zone)
 */
public record PoolSlotsDto(String runId, String taskId, String agentId, int slots, String since) {}
