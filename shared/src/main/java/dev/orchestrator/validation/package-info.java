/**
 * The checks of SPEC 2 that look beyond one value ({@code Validator} and one {@code PipelineCheck} per family:
 * ids, the task graph, schedules, references, templates, arguments, waits), run on what {@code yaml} loaded and
 * against a {@code ValidationScope} (the pipeline ids and the installed plugins). Reports through
 * {@code diagnostic} and never throws; reads files only through the loader's result, and knows no agent.
 */
package dev.orchestrator.validation;
