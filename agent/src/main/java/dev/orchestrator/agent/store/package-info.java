/**
 * The run history and the agent's durable state as interfaces and records: {@code RunStore} (runs, tasks,
 * attempts, logs, events; being split by role), {@code HistorySearch}, {@code PipelineStateStore},
 * {@code EventWaitStore}, {@code CancelRequestStore}, {@code HeartbeatStore}, with the queries and records they
 * take and return. Every method commits before it returns. Seams only: no SQL and no Jdbi here, and nothing of the
 * engine, the API or the command line.
 */
package dev.orchestrator.agent.store;
