package dev.orchestrator.agent;

import dev.orchestrator.agent.execute.ProcessGroup;
import dev.orchestrator.agent.execute.ProcessGroups;
import dev.orchestrator.agent.store.RunStore;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clears up what an earlier process of this agent left when it died: the process groups of its tasks still
 * running, and its runs left unfinished, which end as crashed. Runs that were only waiting, and runs handed to it
 * and not yet taken, are left for the executor to go on with.
 */
final class PreviousProcess {

    // the agent's own lines, as they were before this was a class of its own
    private static final Logger LOG = LoggerFactory.getLogger(Agent.class);

    private PreviousProcess() {}

    /** Kills the left-over process groups, then marks the unfinished runs of {@code agentId} crashed. */
    static void clearUp(RunStore store, String agentId, Duration gracePeriod, Instant startedAt) {
        ProcessGroups processGroups = ProcessGroups.forThisSystem(gracePeriod);
        // their watchers kill them when the agent dies; this is for when a watcher could not
        int killed = processGroups.killLeftOver(store.findProcessGroupsOfUnfinishedRuns(agentId).stream()
                .map(group -> new ProcessGroup(group.groupId(), group.leaderStartTicks()))
                .toList());
        if (killed > 0) {
            LOG.warn("killed {} process groups of tasks the previous agent process left running", killed);
        }
        int crashed = store.markUnfinishedCrashed(
                agentId,
                "the agent stopped while this was running "
                        + "(process killed or machine down); found when it started again at " + startedAt,
                startedAt);
        if (crashed > 0) {
            LOG.warn("marked {} runs left unfinished by the previous agent process as crashed", crashed);
        }
    }
}
