/**
 * What {@code /metrics} reports in the Prometheus text format ({@code AgentMetrics}): runs by pipeline and state,
 * runs going and queued, task durations, how late scheduled fires come, the JVM's memory and threads. Hears the
 * engine as a run observer, in a registry of its own; the API serves it.
 */
package dev.orchestrator.agent.metrics;
