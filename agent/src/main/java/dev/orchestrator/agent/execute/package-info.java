/**
 * The run engine: {@code RunExecutor}, the façade that starts, cancels and retries runs (admission in
 * {@code PipelineSlots}, creation in {@code NewRuns}, the scheduled batch in {@code ScheduledStarts}, re-running in
 * {@code RunRetry}, take-over in {@code RunTakeOver}), one {@code RunCoordinator} per run that pumps its task graph
 * under one lock through its parts ({@code TaskStarter} with {@code TaskBoard} and {@code TriggerRules},
 * {@code AttemptSupervisor}, {@code TaskFinisher} with {@code Retries}, {@code TaskMarks}, {@code RunTimers},
 * {@code RunEnding} with {@code RunOutcome}) and records every change through {@code RunRecorder}, attempts run on
 * workers ({@code AttemptRunner}, {@code ConnectorPool}), and
 * the engine's threads ({@code EngineThreads}: timers only decide when, workers do the work). Talks to the store
 * through its interfaces and to the world through {@code RunObserver}; must not know the API, the command line,
 * the scheduler or Quartz.
 */
package dev.orchestrator.agent.execute;
