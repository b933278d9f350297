package dev.orchestrator.agent.store;

import java.util.function.Consumer;

/**
 * Reading the run history in bulk, for search, export and the dashboard. Streaming methods hand rows over
 * one at a time as the database returns them, so an export of any size runs in flat memory.
 */
public interface HistorySearch {

    /** Log search totals are exact up to this; above it, the total is this plus one ("more than this"). */
    long COUNT_LIMIT = 1_000;

    /** Log lines and attempt errors across runs, newest first, one page of them. */
    Page<LogEntry> findLogEntries(LogQuery query, int page, int size);

    /** Every matching log entry, newest first. */
    void streamLogEntries(LogQuery query, Consumer<LogEntry> sink);

    /** Every run matching the query's filters (its paging ignored), newest first. */
    void streamRuns(RunQuery query, Consumer<RunRecord> sink);

    /** Dashboard figures for runs created in the range, optionally of one pipeline. */
    RunStatistics statistics(
            java.time.Instant from, java.time.Instant to, java.util.Optional<String> pipelineId, int recentRuns);
}
