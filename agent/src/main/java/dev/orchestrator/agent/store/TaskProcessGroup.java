package dev.orchestrator.agent.store;

/**
 * A process group an attempt started, recorded so that the next start of the agent can kill it when the agent
 * died without doing so.
 *
 * @param groupId          the group's id (its leader's pid)
 * @param leaderStartTicks when its leader started, in clock ticks since boot, to tell it from a reuse of the id
 */
public record TaskProcessGroup(String runId, String taskId, int attempt, long groupId, long leaderStartTicks) {}
