package dev.orchestrator.validation;

import dev.orchestrator.connector.PluginCatalog;
import dev.orchestrator.diagnostic.Diagnostic;
import dev.orchestrator.diagnostic.DiagnosticCode;
import dev.orchestrator.diagnostic.Diagnostics;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.PoolDeclaration;
import dev.orchestrator.model.Position;
import dev.orchestrator.model.ResourceLimits;
import dev.orchestrator.secret.SecretMasker;
import dev.orchestrator.template.TemplateAnalyzer;
import dev.orchestrator.yaml.LoadResult;
import dev.orchestrator.yaml.LoadedFile;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The checks of SPEC 2 that look beyond one value: ids, the task graph, schedules, references, templates.
 * Together with the loader's structural checks it reports every problem of a config in one pass. The CLI, the
 * agent, the API and the editor all use this one class. Thread-safe.
 */
public final class Validator {

    private final Optional<PluginCatalog> plugins;
    private final Optional<ResourceLimits> limits;
    private final List<PipelineCheck> checks;

    /**
     * @param plugins installed connectors and hooks, or empty to skip connector, action and hook names
     * @param clock   "now" for the check that a cron expression still fires
     */
    public Validator(Optional<PluginCatalog> plugins, Clock clock) {
        this(plugins, clock, Optional.empty());
    }

    /**
     * @param limits what the agent loading the pipelines may give its attempts: a task's {@code resources} above
     *               them could never start (RES001); empty to check only their types
     */
    public Validator(Optional<PluginCatalog> plugins, Clock clock, Optional<ResourceLimits> limits) {
        this.plugins = plugins;
        this.limits = limits;
        this.checks = List.of(
                new IdCheck(),
                new DagCheck(),
                new ScheduleCheck(clock),
                new ReferenceCheck(),
                new ArgumentCheck(),
                new SecretCheck(),
                new TemplateCheck(new TemplateAnalyzer()),
                new WaitCheck(),
                new CallCheck(),
                new ApprovalCheck(),
                new DeadlineCheck(),
                new PoolCheck(),
                new ResourceCheck());
    }

    /**
     * The problems found across all loaded files (the loader's own are already in each file), with the values
     * that came from the environment masked wherever a message quotes them.
     */
    public List<Diagnostic> validate(LoadResult loaded) {
        List<Pipeline> pipelines = loaded.files().stream()
                .flatMap(file -> file.pipelines().stream())
                .toList();
        List<PoolDeclaration> pools =
                loaded.files().stream().flatMap(file -> file.pools().stream()).toList();
        return validate(pipelines, pools, Set.of(), loaded.secrets());
    }

    /**
     * @param pools            the shared pools declared by all the files, in file order
     * @param otherPipelineIds ids of pipelines outside {@code pipelines} that trigger: may name (for example the
     *                         agent's other files when one file is validated alone)
     * @param secrets          the values the pipelines' {@code ${VAR}} references resolved to: a message quoting
     *                         one (a cron expression, a time zone) quotes it masked
     */
    public List<Diagnostic> validate(
            List<Pipeline> pipelines, List<PoolDeclaration> pools, Set<String> otherPipelineIds, SecretMasker secrets) {
        Diagnostics diagnostics = new Diagnostics();
        Set<String> ids = new java.util.HashSet<>(otherPipelineIds);
        pipelines.forEach(pipeline -> ids.add(pipeline.id()));
        ValidationScope scope =
                new ValidationScope(Set.copyOf(ids), plugins, secrets, PoolCheck.declared(pools, diagnostics), limits);
        reportDuplicatePipelines(pipelines, diagnostics);
        CallCheck.checkCycles(pipelines, diagnostics);
        for (Pipeline pipeline : pipelines) {
            for (PipelineCheck check : checks) {
                check.check(pipeline, scope, diagnostics);
            }
        }
        return diagnostics.toList().stream().map(found -> found.masked(secrets)).toList();
    }

    /** Each occurrence of a repeated id is reported where it stands, naming all the others. */
    @SuppressWarnings("ReferenceEquality") // the other occurrences, not the ones equal to this one
    private static void reportDuplicatePipelines(List<Pipeline> pipelines, Diagnostics diagnostics) {
        Map<String, List<Position>> byId = new LinkedHashMap<>();
        for (Pipeline pipeline : pipelines) {
            if (!pipeline.id().isEmpty()) {
                byId.computeIfAbsent(pipeline.id(), id -> new ArrayList<>())
                        .add(pipeline.source().valueAt("id"));
            }
        }
        byId.forEach((id, positions) -> {
            if (positions.size() < 2) {
                return;
            }
            for (Position at : positions) {
                String others = positions.stream()
                        .filter(other -> other != at)
                        .map(Position::toString)
                        .collect(Collectors.joining(", "));
                diagnostics.report(
                        at,
                        DiagnosticCode.DUPLICATE_PIPELINE_ID,
                        "pipeline id '" + id + "' is also defined at " + others,
                        "pipeline ids are unique across all files; rename one of them");
            }
        });
    }

    /** Adds this validator's findings to the files they belong to. */
    public List<LoadedFile> attach(List<LoadedFile> files, List<Diagnostic> found) {
        Map<String, List<Diagnostic>> byFile = found.stream().collect(Collectors.groupingBy(Diagnostic::file));
        return files.stream()
                .map(file -> file.withMore(byFile.getOrDefault(file.file(), List.of())))
                .toList();
    }
}
