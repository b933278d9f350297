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
 * cancelled. Stateless.
 */
final class RunsShutdown {

    private RunsShutdown() {}

    /**
     * @param active        the runs going on this agent; those left to the next start are taken out
     * @param grace         how long running runs get to finish
     * @param attemptsGrace how long a stopped attempt gets to end (the settings' grace period)
     */
    static void stop(Map<String, RunCoordinator> active, Duration grace, Duration attemptsGrace) {
        long deadline = System.nanoTime() + grace.toNanos();
        while (true) {
            active.values().removeIf(RunCoordinator::detachIfOnlyWaiting);
            List<CompletableFuture<RunState>> going = active.values().stream()
                    .map(RunCoordinator::finished)
                    .filter(future -> !future.isDone())
                    .toList();
            long left = deadline - System.nanoTime();
            if (going.isEmpty() || left <= 0) {
                break;
            }
            // a run may come to only wait in the meantime: look again every few milliseconds
            waitFor(going, Duration.ofNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50))));
        }
        List<CompletableFuture<RunState>> running =
                active.values().stream().map(RunCoordinator::finished).toList();
        if (!running.stream().allMatch(CompletableFuture::isDone)) {
            active.values()
                    .forEach(coordinator ->
                            coordinator.cancel(RunState.CANCELLED, TaskState.CANCELLED, "the agent was stopped"));
            waitFor(running, attemptsGrace.plusSeconds(2));
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
