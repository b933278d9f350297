/**
 * Deadlines of scheduled runs (issue 21): which deadlines of a pipeline's fires fall due ({@code DueDeadlines}),
 * whether the fire's run met each ({@code DeadlineChecker}: it records a miss once for the cluster and alerts through
 * the pipeline's notify channels, and says "finished late" once when the run succeeds after all), and the thread that
 * checks them on the agent's clock and hears of runs that end ({@code DeadlineWatch}). Knows the store, the pipelines
 * and the alerts; the engine knows nothing of it.
 */
package dev.orchestrator.agent.deadline;
