/**
 * "Compare with last success" (issue 20): a failed run beside its pipeline's last successful run, as the agent's run
 * diff says it, changed tasks first, with the parameters and the pipeline's text that changed between them
 * ({@code RunCompareModel}), shown side by side ({@code RunCompareView}).
 */
package dev.orchestrator.desktop.compare;
