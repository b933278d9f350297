package dev.orchestrator.desktop.fleet;

/** A pipeline a fleet action would touch: on which agent, and its state there when last read. */
public record FleetTarget(String agent, String pipelineId, String status) {}
