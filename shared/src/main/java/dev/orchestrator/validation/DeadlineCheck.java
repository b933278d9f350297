package dev.orchestrator.validation;

import dev.orchestrator.diagnostic.DiagnosticCode;
import dev.orchestrator.diagnostic.Diagnostics;
import dev.orchestrator.model.Deadline;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.ScheduleType;
import dev.orchestrator.model.SourceMap;

/**
 * A deadline is checked against scheduled fires only, so a pipeline without a cron or interval schedule never
 * misses one; and a run cannot finish before it starts, so a start deadline at or after the finish deadline says
 * nothing more than the finish deadline.
 */
final class DeadlineCheck implements PipelineCheck {

    @Override
    public void check(Pipeline pipeline, ValidationScope scope, Diagnostics diagnostics) {
        if (pipeline.deadline().isEmpty()) {
            return;
        }
        Deadline deadline = pipeline.deadline().get();
        SourceMap source = pipeline.source();
        String owner = "pipeline '" + pipeline.id() + "'";
        ScheduleType type = pipeline.schedule().type();
        if (type != ScheduleType.CRON && type != ScheduleType.INTERVAL) {
            diagnostics.report(
                    source.keyAt("deadline"),
                    DiagnosticCode.DEADLINE_NEVER_CHECKED,
                    "the deadline of " + owner + " is never checked: its schedule type is '" + type.yamlName()
                            + "', and deadlines apply to the runs a cron or interval schedule starts",
                    "give the pipeline a cron or interval schedule, or remove 'deadline'");
        }
        if (deadline.startWithin().isPresent()
                && deadline.finishWithin().isPresent()
                && deadline.startWithin()
                                .get()
                                .compareTo(deadline.finishWithin().get())
                        >= 0) {
            diagnostics.report(
                    source.valueAt("deadline.start_within_seconds"),
                    DiagnosticCode.START_NOT_BEFORE_FINISH,
                    "start_within_seconds " + deadline.startWithin().get().toSeconds() + " of " + owner
                            + " is not shorter than its finish_within_seconds "
                            + deadline.finishWithin().get().toSeconds() + ": a run that finishes in time has started "
                            + "in time",
                    "make start_within_seconds shorter, or remove it");
        }
    }
}
