package dev.orchestrator.agent.execute;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;

/**
 * How the engine runs tasks.
 *
 * @param gracePeriod     how long a stopped attempt gets to end before it is killed and abandoned
 * @param configDirectory where pipelines were loaded from; relative paths in connectors resolve against it
 * @param outputDirectory where outputs too large for the database are spilled
 * @param scratchRoot     parent of each attempt's scratch directory
 * @param agentId         this agent's name in the run history (the host, or its cluster id)
 * @param zone            the agent's time zone, for pipelines that name none
 * @param logBudget       how much of each attempt's log is stored
 * @param revisions       the revision of its pipeline each new run records
 * @param pools           the shared pools' slots that tasks take
 * @param callable        the pipelines a {@code pipeline:} task can call
 * @param resources       what the attempts running on this agent use of its memory and processors
 */
public record EngineSettings(
        Duration gracePeriod,
        Path configDirectory,
        Path outputDirectory,
        Path scratchRoot,
        String agentId,
        ZoneId zone,
        LogBudget logBudget,
        RevisionLookup revisions,
        PoolAdmission pools,
        PipelineLookup callable,
        ResourceAdmission resources) {

    /** Without limits on the resources of its attempts. */
    public EngineSettings(
            Duration gracePeriod,
            Path configDirectory,
            Path outputDirectory,
            Path scratchRoot,
            String agentId,
            ZoneId zone,
            LogBudget logBudget,
            RevisionLookup revisions,
            PoolAdmission pools,
            PipelineLookup callable) {
        this(
                gracePeriod,
                configDirectory,
                outputDirectory,
                scratchRoot,
                agentId,
                zone,
                logBudget,
                revisions,
                pools,
                callable,
                ResourceAdmission.unlimited());
    }

    /** Without shared pools, and whose runs call no other pipeline. */
    public EngineSettings(
            Duration gracePeriod,
            Path configDirectory,
            Path outputDirectory,
            Path scratchRoot,
            String agentId,
            ZoneId zone,
            LogBudget logBudget,
            RevisionLookup revisions) {
        this(
                gracePeriod,
                configDirectory,
                outputDirectory,
                scratchRoot,
                agentId,
                zone,
                logBudget,
                revisions,
                PoolAdmission.none(),
                PipelineLookup.NONE);
    }

    /** Whose runs record no revision. */
    public EngineSettings(
            Duration gracePeriod,
            Path configDirectory,
            Path outputDirectory,
            Path scratchRoot,
            String agentId,
            ZoneId zone,
            LogBudget logBudget) {
        this(gracePeriod, configDirectory, outputDirectory, scratchRoot, agentId, zone, logBudget, RevisionLookup.NONE);
    }

    /** With the default log budget. */
    public EngineSettings(
            Duration gracePeriod,
            Path configDirectory,
            Path outputDirectory,
            Path scratchRoot,
            String agentId,
            ZoneId zone) {
        this(gracePeriod, configDirectory, outputDirectory, scratchRoot, agentId, zone, LogBudget.DEFAULT);
    }
}
