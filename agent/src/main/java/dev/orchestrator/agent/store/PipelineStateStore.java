package dev.orchestrator.agent.store;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What the agent must remember about each pipeline across restarts: whether it is paused, its failure streak
 * for alerts, and the scheduled fires that did not become runs. Thread-safe; every method commits.
 */
public interface PipelineStateStore {

    Set<String> pausedPipelines();

    void setPaused(String pipelineId, boolean paused, Instant at);

    /** The failure streak of a pipeline, for {@code failure_threshold}. */
    AlertState alertState(String pipelineId);

    void saveAlertState(String pipelineId, AlertState state, Instant at);

    void recordScheduleEvent(String pipelineId, Instant scheduledFor, String kind, String message, Instant at);

    List<ScheduleEvent> scheduleEvents(String pipelineId, int limit);

    /**
     * @param consecutiveFailures runs in a row that failed, up to the last success
     * @param alerted             whether the failure alert for this streak went out (so a "recovered" is due)
     */
    record AlertState(int consecutiveFailures, boolean alerted) {
        public static final AlertState CLEAR = new AlertState(0, false);
    }

    /** A fire that did not become a run. */
    record ScheduleEvent(String pipelineId, Instant scheduledFor, Instant notedAt, String kind, String message) {
    }
}
