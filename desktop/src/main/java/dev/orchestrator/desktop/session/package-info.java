/**
 * What the console knows about the agents it is connected to: the {@code Workspace} of saved agents
 * ({@code AgentProfileStore}, the {@code LocalAgent} found through its home), one {@code AgentSession} per agent kept
 * current in the background and marked stale when the agent stops answering, the cluster members that share one
 * history, and {@code RunRef}, a run on an agent. Properties and lists only; no views.
 */
package dev.orchestrator.desktop.session;
