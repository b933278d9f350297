package dev.orchestrator.agent.execute;

import dev.orchestrator.agent.file.OwnerOnlyFiles;
import dev.orchestrator.connector.TaskCancelledException;
import dev.orchestrator.connector.TaskContext;
import dev.orchestrator.connector.TaskLogger;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The {@link TaskContext} of one attempt, and the means to stop it for real: interrupt its thread and
 * terminate its subprocesses with their children (SIGTERM first, SIGKILL when the grace period is over). Where the
 * system offers process groups, each subprocess leads one ({@link ProcessGroups}), which is recorded, and a stop
 * signals the whole group. Thread-safe.
 */
final class AttemptContext implements TaskContext {

    private final String runId;
    private final String pipelineId;
    private final String taskId;
    private final int attempt;
    private final ZonedDateTime logicalTime;
    private final TaskLog log;
    private final Path scratchDirectory;
    private final Path configDirectory;
    private final ProcessGroups processGroups;
    private final Consumer<ProcessGroup> groupStarted;
    private final List<Process> processes = new CopyOnWriteArrayList<>();
    private final List<ProcessGroup> groups = new CopyOnWriteArrayList<>();
    private final java.util.Set<ProcessHandle> signalled = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean cancelled;
    private volatile String cancelReason = "";
    private volatile Thread worker;

    /**
     * @param groupStarted told of each process group a subprocess starts, before {@link #startProcess} returns;
     *                     when it throws, the group is killed and the start fails
     */
    AttemptContext(
            String runId,
            String pipelineId,
            String taskId,
            int attempt,
            ZonedDateTime logicalTime,
            TaskLog log,
            Path scratchDirectory,
            Path configDirectory,
            ProcessGroups processGroups,
            Consumer<ProcessGroup> groupStarted) {
        this.runId = runId;
        this.pipelineId = pipelineId;
        this.taskId = taskId;
        this.attempt = attempt;
        this.logicalTime = logicalTime;
        this.log = log;
        this.scratchDirectory = scratchDirectory;
        this.configDirectory = configDirectory;
        this.processGroups = processGroups;
        this.groupStarted = groupStarted;
    }

    @Override
    public String runId() {
        return runId;
    }

    @Override
    public String pipelineId() {
        return pipelineId;
    }

    @Override
    public String taskId() {
        return taskId;
    }

    @Override
    public int attempt() {
        return attempt;
    }

    @Override
    public ZonedDateTime logicalTime() {
        return logicalTime;
    }

    @Override
    public TaskLogger log() {
        return log;
    }

    TaskLog taskLog() {
        return log;
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    @Override
    public void checkCancelled() {
        if (cancelled) {
            throw new TaskCancelledException(cancelReason);
        }
    }

    @Override
    public Path scratchDirectory() {
        try {
            return OwnerOnlyFiles.createDirectories(scratchDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create scratch directory " + scratchDirectory, e);
        }
    }

    @Override
    public Path configDirectory() {
        return configDirectory;
    }

    @Override
    public Process startProcess(ProcessBuilder builder) throws IOException {
        checkCancelled();
        ProcessGroups.Started started = processGroups.start(builder);
        Process process = started.process();
        started.group().ifPresent(group -> {
            groups.add(group);
            try {
                groupStarted.accept(group);
            } catch (RuntimeException e) {
                processGroups.signal(group, true);
                throw e;
            }
        });
        processes.add(process);
        if (cancelled) {
            // stopped while starting: make sure this one does not outlive the stop
            terminate(process, false);
        }
        return process;
    }

    /** The thread running the attempt, so a stop can interrupt it. */
    synchronized void runningOn(Thread thread) {
        this.worker = thread;
    }

    /**
     * The attempt's code has returned: from here on its thread does the engine's work (database writes, which
     * an interrupt would break), so a late stop must not interrupt it, and a stray interrupt is cleared.
     */
    void finishedRunning() {
        synchronized (this) {
            this.worker = null;
        }
        // what its processes left behind in their groups (a background child, a double fork) goes with it
        processes.forEach(processGroups::ended);
        Thread.interrupted();
    }

    /** Asks the attempt to stop: flag, interrupt, SIGTERM to its processes and their children. */
    void stop(String reason) {
        cancelReason = reason;
        cancelled = true;
        synchronized (this) {
            if (worker != null) {
                worker.interrupt();
            }
        }
        processes.forEach(process -> terminate(process, false));
    }

    /**
     * The grace period is over: SIGKILL what is still alive, including children seen at the stop that have
     * since lost their parent (and so are no longer its descendants).
     */
    void kill() {
        processes.forEach(process -> terminate(process, true));
        signalled.forEach(handle -> {
            if (handle.isAlive()) {
                handle.destroyForcibly();
            }
        });
    }

    private void terminate(Process process, boolean forcibly) {
        Optional<ProcessGroup> group = groups.stream()
                .filter(candidate -> candidate.id() == process.pid())
                .findFirst();
        // the group holds the process, its children and those that left it; not the watcher, which must live
        if (group.isPresent() && processGroups.signal(group.get(), forcibly)) {
            return;
        }
        List<ProcessHandle> tree = new ArrayList<>();
        try (Stream<ProcessHandle> descendants = process.descendants()) {
            descendants.forEach(tree::add);
        }
        tree.add(process.toHandle());
        signalled.addAll(tree);
        for (ProcessHandle handle : tree) {
            if (forcibly) {
                handle.destroyForcibly();
            } else {
                handle.destroy();
            }
        }
    }
}
