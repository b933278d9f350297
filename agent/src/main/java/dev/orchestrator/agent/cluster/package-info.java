/**
 * This agent's part in a cluster of agents sharing one database (SPEC 11): heartbeats and the detection of silent
 * agents ({@code ClusterMonitor}), what other agents left for this one ({@code ClusterInbox}), and where a
 * scheduled run goes ({@code LeastBusyPlacement}). Works through the {@code store} interfaces and the engine's
 * placement role; it must not know the API, the command line or the scheduler.
 */
package dev.orchestrator.agent.cluster;
