package dev.orchestrator.agent.execute;

import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.ResourceProfile;
import dev.orchestrator.model.Task;
import java.util.Optional;

/**
 * Where a scheduled run goes: here, or to another agent of the cluster that has less going (SPEC 11). Quartz
 * hands each fire to one agent, and tends to hand the next to the same one; without this, that agent would run
 * every scheduled run while the others idle. A single agent runs everything here ({@link #HERE}).
 */
public interface RunPlacement {

    /** Everything runs on this agent: no cluster, or none to share with. */
    RunPlacement HERE = new RunPlacement() {
        @Override
        public Optional<String> elsewhere(int activeHere) {
            return Optional.empty();
        }

        @Override
        public boolean atLimit(String pipelineId, int maxInstances) {
            return false;
        }
    };

    /**
     * The agent to hand a new run to, or empty to run it here.
     *
     * @param activeHere the runs going on this agent, those about to start included
     */
    Optional<String> elsewhere(int activeHere);

    /**
     * The agent to hand a new run to, or empty to run it here, by the free capacity of each agent for a run that asks
     * for resources (issue 21).
     *
     * @param activeHere the runs going on this agent, those about to start included
     * @param demand     the most the run's tasks ask for (the largest memory_mb and the largest cpu of its tasks)
     */
    default Optional<String> elsewhere(int activeHere, ResourceProfile demand) {
        return elsewhere(activeHere);
    }

    /** What a run of the pipeline asks of an agent at most: the largest memory and the largest cpu of its tasks. */
    static ResourceProfile demandOf(Pipeline pipeline) {
        long memoryMb = 0;
        double cpu = 0;
        for (Task task : pipeline.tasks()) {
            memoryMb = Math.max(memoryMb, task.resources().memoryMb());
            cpu = Math.max(cpu, task.resources().cpu());
        }
        return new ResourceProfile(memoryMb, cpu);
    }

    /**
     * True when the pipeline has {@code maxInstances} runs going across the cluster, so that a scheduled fire is
     * skipped although this agent runs none of them: runs handed to other agents count too.
     */
    default boolean atLimit(String pipelineId, int maxInstances) {
        java.util.OptionalInt going = runsInCluster(pipelineId);
        return going.isPresent() && going.getAsInt() >= maxInstances;
    }

    /**
     * The pipeline's runs going across the cluster (runs handed to other agents included), or empty for a single
     * agent, which counts its own.
     */
    default java.util.OptionalInt runsInCluster(String pipelineId) {
        return java.util.OptionalInt.empty();
    }
}
