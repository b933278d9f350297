package dev.orchestrator.agent.event;

import java.util.Map;

/**
 * One thing that happened, as the event stream sends it.
 *
 * @param id    increasing, also across agent restarts, so {@code Last-Event-ID} keeps its meaning
 * @param type  {@code run}, {@code task} or {@code log}
 * @param runId the run it belongs to, for clients following one run
 * @param data  the event's fields, sent as JSON
 */
public record AgentEvent(long id, String type, String runId, String pipelineId, Map<String, Object> data) {}
