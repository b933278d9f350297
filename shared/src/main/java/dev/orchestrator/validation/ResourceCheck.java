package dev.orchestrator.validation;

import dev.orchestrator.diagnostic.DiagnosticCode;
import dev.orchestrator.diagnostic.Diagnostics;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.ResourceLimits;
import dev.orchestrator.model.ResourceProfile;
import dev.orchestrator.model.SourceMap;
import dev.orchestrator.model.Task;
import java.util.Optional;

/**
 * A task's {@code resources} fit the agent that loads it (RES001): a profile larger than the agent may ever give
 * could never start. Only an agent knows its limits; without them (the CLI's {@code validate}, the editor) nothing
 * is checked here. Each finding is reported at the key that asks too much, where it is written: a task that inherits
 * its pipeline's key is reported once, at the pipeline.
 */
final class ResourceCheck implements PipelineCheck {

    @Override
    public void check(Pipeline pipeline, ValidationScope scope, Diagnostics diagnostics) {
        if (scope.limits().isEmpty()) {
            return;
        }
        ResourceLimits limits = scope.limits().get();
        SourceMap source = pipeline.source();
        String pipelineOwner = "pipeline '" + pipeline.id() + "'";
        pipeline.resources()
                .ifPresent(profile -> checkProfile(profile, "", pipelineOwner, source, limits, diagnostics));
        for (int i = 0; i < pipeline.tasks().size(); i++) {
            Task task = pipeline.tasks().get(i);
            checkProfile(
                    task.resources(),
                    SourceMap.item("tasks", i),
                    "task '" + task.id() + "'",
                    source,
                    limits,
                    diagnostics);
        }
    }

    private static void checkProfile(
            ResourceProfile profile,
            String path,
            String owner,
            SourceMap source,
            ResourceLimits limits,
            Diagnostics diagnostics) {
        String resources = SourceMap.child(path, "resources");
        if (profile.memoryMb() > limits.maxMemoryMb()) {
            written(source, resources, "memory_mb")
                    .ifPresent(key -> diagnostics.report(
                            source.valueAt(key),
                            DiagnosticCode.RESOURCES_ABOVE_AGENT,
                            owner + " asks for " + profile.memoryMb()
                                    + " MB of memory, and this agent may give at most " + limits.maxMemoryMb()
                                    + " MB: it could never start",
                            "ask for at most " + limits.maxMemoryMb()
                                    + " MB, or start the agent with a larger --max-memory-mb"));
        }
        if (profile.cpu() > limits.maxCpu()) {
            written(source, resources, "cpu")
                    .ifPresent(key -> diagnostics.report(
                            source.valueAt(key),
                            DiagnosticCode.RESOURCES_ABOVE_AGENT,
                            owner + " asks for " + ResourceProfile.formatCpu(profile.cpu())
                                    + " CPU, and this agent may give at most "
                                    + ResourceProfile.formatCpu(limits.maxCpu()) + ": it could never start",
                            "ask for at most " + ResourceProfile.formatCpu(limits.maxCpu())
                                    + " CPU, or start the agent with a larger --max-cpu"));
        }
    }

    /** The key's path when the owner writes it itself; empty when it inherits it (reported at its pipeline). */
    private static Optional<String> written(SourceMap source, String resources, String key) {
        String path = SourceMap.child(resources, key);
        return source.keys().containsKey(path) ? Optional.of(path) : Optional.empty();
    }
}
