package dev.orchestrator.desktop.fleet;

/**
 * What a fleet action did to one pipeline on one agent: done, with what the agent said ({@code paused}, {@code run
 * r-12 started}), or not, with why ({@code unreachable: connection refused}).
 */
public record FleetOutcome(String agent, String pipelineId, boolean done, String message) {}
