package dev.orchestrator.agent.execute;

import dev.orchestrator.agent.store.MapCounts;
import dev.orchestrator.agent.store.MapItemStore;
import dev.orchestrator.agent.store.MapItemStore.CallingItem;
import dev.orchestrator.agent.store.MapItemStore.RetryingItem;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where a map task stands when a process of the agent takes it over from the rows an earlier one left (a restart, or
 * a dead agent's run adopted): items that succeeded keep their outputs and attempts and do not run again; items that
 * were running when that process stopped without ending them (killed) crashed with it, as a task running then does:
 * their outcome is unknown (the work may have been done), so they are not run again by themselves, and the map fails
 * once its other items have ended; retrying the run from its failures runs them again and reuses the others. Items
 * waiting for a retry get it at once (as a retrying task does), and those not started start as they would have.
 *
 * @param total     the map's items
 * @param done      those that succeeded
 * @param failed    those that ended without success, crashed ones among them
 * @param crashed   those found running, now crashed
 * @param retrying  those waiting for another attempt, in index order
 * @param calling   those waiting for their child runs ({@code pipeline:} with {@code for_each}), which went on
 *                  meanwhile: their items wait for them again
 * @param firstFailure the first item that ended without success, as {@code item <index>: <error>}
 */
record MapResumption(
        int total,
        int done,
        int failed,
        int crashed,
        List<RetryingItem> retrying,
        List<CallingItem> calling,
        Optional<String> firstFailure) {

    /** What an item running when its agent stopped without ending it ends with. */
    static final String CRASHED = "the agent stopped while this item was running (process killed or machine down), "
            + "so its outcome is unknown and it is not run again by itself; retry the run from its failures to run it"
            + " again (the items that succeeded are reused)";

    /** Reads the map's rows, crashing the items found running: they ran in a process that is gone. */
    static MapResumption read(MapItemStore store, String runId, String taskId, Instant now) {
        int crashed = store.crashRunning(runId, taskId, CRASHED, now);
        MapCounts counts = store.counts(runId).getOrDefault(taskId, new MapCounts(0, 0, 0, 0));
        Optional<String> firstFailure = counts.failed() > 0 ? store.firstFailure(runId, taskId) : Optional.empty();
        return new MapResumption(
                counts.total(),
                counts.done(),
                counts.failed(),
                crashed,
                store.retryingItems(runId, taskId),
                store.callingItems(runId, taskId),
                firstFailure);
    }

    /** What the map's log says of it. */
    String describe() {
        return "the map goes on in this process of the agent: " + done + " of " + total + " items had succeeded"
                + (crashed > 0 ? ", " + crashed + " were running when the earlier process stopped and crashed" : "")
                + (retrying.isEmpty() ? "" : ", " + retrying.size() + " get their next attempt now")
                + (calling.isEmpty() ? "" : ", " + calling.size() + " wait for their child runs again");
    }
}
