package dev.orchestrator.agent.execute;

import dev.orchestrator.agent.store.RunRecord;
import dev.orchestrator.model.RunState;
import java.util.concurrent.CompletableFuture;

/**
 * How one run ends, once: finished with its outcome ({@link RunOutcome}) when no attempt, retry or rollback is left
 * and every task has ended; crashed when a step of the run failed; or, at shutdown, left to the next start of the
 * agent while it only waits (detached).
 *
 * <p>Not thread-safe: used under its coordinator's lock; {@link #finished()} may be read by any thread.
 */
final class RunEnding {

    private final RunRecord run;
    private final EngineServices services;
    private final ConnectorPool pool;
    private final TaskBoard board;
    private final RunAttempts attempts;
    private final RunTimers timers;
    private final Rollbacks rollbacks;
    private final RunRecorder recorder;
    private final AttemptSupervisor supervisor;
    private final MapTasks maps;
    private final RunCancellation cancellation;
    private final CompletableFuture<RunState> finished = new CompletableFuture<>();
    // the agent stopped while this run only waited: it is left to the next start, and does nothing more here
    private boolean detached;

    RunEnding(
            RunRecord run,
            EngineServices services,
            ConnectorPool pool,
            TaskBoard board,
            RunAttempts attempts,
            RunTimers timers,
            Rollbacks rollbacks,
            RunRecorder recorder,
            AttemptSupervisor supervisor,
            MapTasks maps,
            RunCancellation cancellation) {
        this.run = run;
        this.services = services;
        this.pool = pool;
        this.board = board;
        this.attempts = attempts;
        this.timers = timers;
        this.rollbacks = rollbacks;
        this.recorder = recorder;
        this.supervisor = supervisor;
        this.maps = maps;
        this.cancellation = cancellation;
    }

    /** Completes with the run's final state once it has finished or crashed; never when it was detached. */
    CompletableFuture<RunState> finished() {
        return finished;
    }

    boolean isFinished() {
        return finished.isDone();
    }

    boolean isDetached() {
        return detached;
    }

    /** Finishes the run when nothing of it is left to run or wait for; else does nothing. */
    void finishIfDone() {
        if (!attempts.noneRunning() || timers.hasRetriesWaiting() || !board.allFinished() || rollbacks.anyRunning()) {
            return;
        }
        RunOutcome outcome = cancellation.underWay()
                ? RunOutcome.stopped(board, cancellation.runState(), cancellation.reasonIfAny())
                : RunOutcome.of(board);
        timers.cancelRunTimeout();
        pool.closeAll();
        Texts.deleteQuietly(services.settings().scratchRoot().resolve(run.runId()));
        finished.complete(recorder.runFinished(outcome));
    }

    /** A step of the run failed: it must not stay "running"; it is stopped and recorded as crashed, with the reason. */
    void crash(Throwable error) {
        if (finished.isDone()) {
            return;
        }
        String reason = recorder.crashReason(error);
        supervisor.abandonAll(reason);
        maps.abandonAll();
        timers.cancelAll();
        pool.closeAll();
        recorder.runCrashed(reason, error);
        finished.complete(RunState.CRASHED);
    }

    /**
     * The agent's grace is over: when only items of maps run (no other attempt, no rollback, no cancel under way),
     * they are stopped and wait for the next start, and the run is left to it once they have returned.
     *
     * @return false when something else runs: the run is to be cancelled
     */
    boolean interruptMaps(String reason) {
        if (finished.isDone()
                || detached
                || cancellation.underWay()
                || !attempts.noneRunning()
                || rollbacks.anyRunning()
                || !maps.anyRunning()) {
            return false;
        }
        maps.interruptAll(reason);
        return true;
    }

    /**
     * At shutdown: when nothing of this run is running, only waiting (and no cancel under way), the run is left
     * as the store has it — running, its tasks waiting, its maps' items as they stand — for the next start to
     * resume, and does nothing more here.
     *
     * @return true when it was left so
     */
    boolean detachIfOnlyWaiting() {
        if (detached) {
            return true;
        }
        WaitingTasks waitingTasks = supervisor.waitingTasks();
        if (finished.isDone()
                || cancellation.underWay()
                || !attempts.noneRunning()
                || !maps.allIdle()
                || (waitingTasks.isEmpty() && !maps.anyRunning())) {
            return false;
        }
        detached = true;
        waitingTasks.detach();
        maps.detachAll();
        timers.cancelAll();
        pool.closeAll();
        return true;
    }
}
