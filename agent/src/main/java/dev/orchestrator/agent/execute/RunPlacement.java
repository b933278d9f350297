package dev.orchestrator.agent.execute;

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
