package dev.orchestrator.agent.store;

import java.util.List;

/**
 * Where the log lines of running tasks go as they are flushed; an attempt's last lines go with its end
 * ({@link RunLifecycle#finishAttempt}). Implementations must be thread-safe; the lines are already masked.
 */
public interface RunLogs {

    void appendLogs(List<LogLine> lines);
}
