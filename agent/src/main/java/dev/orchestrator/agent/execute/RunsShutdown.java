package dev.orchestrator.agent.execute;

import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TaskState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Brings the runs of a stopping agent to an end ({@link RunExecutor#shutdown}): each gets the grace to finish;
 * a run that comes to only wait is left as stored, for the next start to resume; what still runs afterwards is
 * cancelled. A {@code for_each} map starts no item once the stop begins; when only its items still run at the end of
 * the grace, they are stopped and wait for the next start with the rest of the map, rather than the run being
 * cancelled. Stateless.
 */
final class RunsShutdown {

    private static final String STOPPED = "the agent was stopped";

    private RunsShutdown() {}

    /**
     * @param active        the runs going on this agent; those left to the next start are taken out
     * @param grace         how long running runs get to finish
     * @param attemptsGrace how long a stopped attempt gets to end (the settings' grace period)
     */
    static void stop(Map<String, RunCoordinator> active, Duration grace, Duration attemptsGrace) {
        active.values().forEach(RunCoordinator::holdMaps); // a map's items wait for the next start
        settle(active, System.nanoTime() + grace.toNanos());
        boolean allEnded =
                active.values().stream().map(RunCoordinator::finished).allMatch(CompletableFuture::isDone);
        if (!allEnded) {
            for (RunCoordinator coordinator : active.values()) {
                if (!coordinator.interruptMaps(STOPPED)) {
                    coordinator.cancel(RunState.CANCELLED, TaskState.CANCELLED, STOPPED);
                }
            }
            settle(active, System.nanoTime() + attemptsGrace.plusSeconds(2).toNanos());
        }
    }

    /** Until {@code deadline}: runs that come to only wait are left to the next start, the others may end. */
    private static void settle(Map<String, RunCoordinator> active, long deadline) {
        while (true) {
            active.values().removeIf(RunCoordinator::detachIfOnlyWaiting);
            List<CompletableFuture<RunState>> going = active.values().stream()
                    .map(RunCoordinator::finished)
                    .filter(future -> !future.isDone())
                    .toList();
            long left = deadline - System.nanoTime();
            if (going.isEmpty() || left <= 0) {
                return;
            }
            // a run may come to only wait in the meantime: look again every few milliseconds
            waitFor(going, Duration.ofNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50))));
        }
    }

    private static boolean waitFor(List<CompletableFuture<RunState>> runs, Duration limit) {
        try {
            CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new))
                    .get(limit.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }
}
