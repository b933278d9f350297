package dev.orchestrator.validation;

import dev.orchestrator.diagnostic.Diagnostics;
import dev.orchestrator.model.Pipeline;

/** One family of checks on one pipeline; it reports into the pass's diagnostics and never throws. */
interface PipelineCheck {

    void check(Pipeline pipeline, ValidationScope scope, Diagnostics diagnostics);
}
