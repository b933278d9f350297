package dev.orchestrator.connector;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZonedDateTime;

/**
 * What a running action may know and use about the task it runs for. Handed to an action that declares a
 * parameter of this type. Valid for one attempt; thread-safe.
 */
public interface TaskContext {

    String runId();

    String pipelineId();

    String taskId();

    /** 1 for the first attempt, 2 for the first retry, and so on. */
    int attempt();

    /** The run's logical time in the pipeline's time zone. */
    ZonedDateTime logicalTime();

    /** Writes to this task's log, which the console and the API show. */
    TaskLogger log();

    /** True once the attempt should stop: it timed out, or the run was cancelled. */
    boolean isCancelled();

    /** @throws TaskCancelledException when {@link #isCancelled()} is true; a convenient check in loops */
    void checkCancelled();

    /** A directory for this attempt's temporary files, deleted when the run ends. */
    Path scratchDirectory();

    /** The directory the pipeline files were loaded from; relative paths in connectors resolve against it. */
    Path configDirectory();

    /**
     * Starts a subprocess that the engine can stop: on a timeout or a cancel it and its children get SIGTERM,
     * then SIGKILL after a grace period. Use this rather than {@link ProcessBuilder#start()}.
     */
    Process startProcess(ProcessBuilder builder) throws IOException;
}
