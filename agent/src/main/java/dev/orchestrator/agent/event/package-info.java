/**
 * Events in and out: the agent's recent history as a numbered sequence for the event stream ({@code EventBus},
 * {@code AgentEvent}: run and task state changes and log lines), and events other systems post, routed to the
 * tasks waiting for them ({@code EventRouter}). Observes the engine as a run observer; knows nothing of HTTP.
 */
package dev.orchestrator.agent.event;
