package dev.orchestrator.agent.execute;

import dev.orchestrator.agent.store.MapItemStore;
import dev.orchestrator.agent.store.MapItemStore.PendingItem;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The items of one map task not started yet, read from the store a page at a time in index order, so that a map of
 * 10,000 items holds one page of them. Not thread-safe: used under its run's coordinator's lock.
 */
final class PendingItems {

    /** Pending items read from the store at a time. */
    private static final int PAGE = 256;

    private final MapItemStore store;
    private final String runId;
    private final String taskId;
    private final ArrayDeque<PendingItem> page = new ArrayDeque<>();
    private int cursor;
    private boolean allRead;

    PendingItems(MapItemStore store, String runId, String taskId) {
        this.store = store;
        this.runId = runId;
        this.taskId = taskId;
    }

    /** The next item not started, or null when none is left. */
    PendingItem next() {
        if (page.isEmpty() && !allRead) {
            List<PendingItem> read = store.pendingItems(runId, taskId, cursor, PAGE);
            page.addAll(read);
            allRead = read.size() < PAGE;
            if (!read.isEmpty()) {
                cursor = read.get(read.size() - 1).index() + 1;
            }
        }
        return page.poll();
    }

    /** Every pending item has been handed out. */
    boolean exhausted() {
        return page.isEmpty() && allRead;
    }
}
