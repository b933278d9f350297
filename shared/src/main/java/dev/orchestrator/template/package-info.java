/**
 * The templates of SPEC 3 with Pebble: {@code TemplateRenderer} renders {@code action_kwargs} and
 * {@code connector_config} when a task starts (strict variables), {@code TemplateAnalyzer} lists the variables a
 * template reads for the validator and the editor, and {@code TemplateVariables} computes them from a run's
 * logical time, never from the wall clock. Knows nothing of files, diagnostics or the engine.
 */
package dev.orchestrator.template;
