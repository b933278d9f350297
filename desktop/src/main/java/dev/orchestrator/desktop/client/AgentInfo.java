package dev.orchestrator.desktop.client;

/** {@code GET /api/v1/agent}, the parts the console shows. */
public record AgentInfo(String agentId, String version, long uptimeSeconds, String host, String timeZone,
                        String database) {
}
