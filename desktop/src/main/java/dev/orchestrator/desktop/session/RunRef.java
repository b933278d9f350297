package dev.orchestrator.desktop.session;

/** A run on an agent: what the console opens in the run detail. */
public record RunRef(String agent, String runId) {}
