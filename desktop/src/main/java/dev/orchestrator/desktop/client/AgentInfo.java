package dev.orchestrator.desktop.client;

/**
 * {@code GET /api/v1/agent}, the parts the console uses. {@code historyId} is the same for agents sharing one
 * database (a cluster); null from agents older than it.
 */
public record AgentInfo(
        String agentId,
        String version,
        long uptimeSeconds,
        String host,
        String timeZone,
        String database,
        String historyId) {}
