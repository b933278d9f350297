package dev.orchestrator.agent.store;

import dev.orchestrator.model.TaskState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The items of {@code for_each} tasks (issue 19): one row per element of the list a map task runs over, written
 * when the map begins and changed as each item runs, so that neither the engine nor a reader holds a whole map in
 * memory. Every method commits before it returns. Implementations must be thread-safe; text handed in is masked.
 */
public interface MapItemStore {

    /** Items to insert as {@code pending}, each element given as JSON, from {@code firstIndex} on. */
    void insertItems(String runId, String taskId, int firstIndex, List<String> itemsJson);

    /**
     * A retry of {@code earlierRunId} takes over the items that succeeded there, for the same element at the same
     * index: they become {@code success} here with the earlier output, marked reused.
     *
     * @return how many were taken over
     */
    int reuseSucceeded(String runId, String taskId, String earlierRunId);

    /** Up to {@code limit} pending items from index {@code fromIndex} on, in index order. */
    List<PendingItem> pendingItems(String runId, String taskId, int fromIndex, int limit);

    void itemStarted(String runId, String taskId, int index, int attempt, Instant at);

    /** The item's attempt ended, and the item is now {@code state} (retrying, or how it ended). */
    void itemFinished(
            String runId,
            String taskId,
            int index,
            TaskState state,
            Instant at,
            Optional<String> error,
            Optional<StoredOutput> output);

    /** Items not yet finished (pending, retrying) end as {@code state}: the map was stopped. */
    void finishUnstarted(String runId, String taskId, TaskState state, Instant at);

    /**
     * The item's attempt started a child run ({@code pipeline:} with {@code for_each}): recorded until its next
     * attempt starts, and taken over by a retry with the item's output.
     */
    void itemCalled(String runId, String taskId, int index, String childRunId);

    /** The running items that wait for a child run, in index order: their wait goes on wherever the map does. */
    List<CallingItem> callingItems(String runId, String taskId);

    /**
     * Items that were running when the agent running their map stopped without ending them (killed): their outcome
     * is lost with that process, so they end as {@code crashed}, as a task running then does. An item waiting for
     * its child run ran nothing there and is left running.
     *
     * @return how many
     */
    int crashRunning(String runId, String taskId, String reason, Instant at);

    /** The items waiting for another attempt ({@code retrying}), in index order, with their attempts so far. */
    List<RetryingItem> retryingItems(String runId, String taskId);

    /** The first item, by index, that ended without success, as {@code item <index>: <error>}. */
    Optional<String> firstFailure(String runId, String taskId);

    /** Each item's stored output, in index order (empty for an item without one); read in pages. */
    void forEachOutput(String runId, String taskId, Consumer<Optional<StoredOutput>> action);

    /** One item's stored output; empty for an item that has none (or no such item). */
    Optional<StoredOutput> output(String runId, String taskId, int index);

    /** The counts of every map task of the run, by task id; empty for a run without maps. */
    Map<String, MapCounts> counts(String runId);

    /** One page (from 0) of the map task's items, in index order, only those in {@code state} when given. */
    Page<MapItem> items(String runId, String taskId, Optional<TaskState> state, int page, int size);

    /** An item waiting to start: its index and its element as JSON. */
    record PendingItem(int index, String itemJson) {}

    /** A running item waiting for its child run: its index, its element as JSON, its attempts, the child's id. */
    record CallingItem(int index, String itemJson, int attempts, String childRunId) {}

    /** An item waiting for another attempt: its index, its element as JSON, and how many attempts it has had. */
    record RetryingItem(int index, String itemJson, int attempts) {}
}
