/**
 * The pipelines screen: every pipeline of every agent with its schedule and last run, and the actions on one
 * (trigger with parameters, pause, resume, backfill, open the last run) in {@code PipelinesModel}, which asks the
 * user through {@code PipelineDialogs} ({@code FxPipelineDialogs} in the console); {@code PipelinesView} binds. Below
 * the table, the selected pipeline's History tab: its versions, their diff and "Restore this version"
 * ({@code PipelineHistoryModel}, {@code PipelineHistoryView}).
 */
package dev.orchestrator.desktop.pipelines;
