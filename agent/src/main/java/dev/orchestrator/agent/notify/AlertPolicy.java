package dev.orchestrator.agent.notify;

import dev.orchestrator.agent.execute.FinishedRun;
import dev.orchestrator.agent.execute.RunObserver;
import dev.orchestrator.agent.store.PipelineStateStore;
import dev.orchestrator.agent.store.PipelineStateStore.AlertState;
import dev.orchestrator.model.Notify;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.RunState;
import dev.orchestrator.secret.SecretMasker;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Decides which runs alert (SPEC 6): with {@code failure_threshold} N, the alert goes out when the N-th run in a
 * row fails, not again while the failures go on, and a "recovered" message follows the next success. The
 * streak is stored, so a restart does not forget it. Cancelled and crashed runs leave it as it is.
 */
public final class AlertPolicy implements RunObserver {

    private final PipelineStateStore state;
    private final AlertDispatcher dispatcher;
    private final Supplier<SecretMasker> secrets;
    private final Clock clock;

    public AlertPolicy(
            PipelineStateStore state, AlertDispatcher dispatcher, Supplier<SecretMasker> secrets, Clock clock) {
        this.state = state;
        this.dispatcher = dispatcher;
        this.secrets = secrets;
        this.clock = clock;
    }

    @Override
    public synchronized void runFinished(Pipeline pipeline, FinishedRun run) {
        // a test run (`orchestrator test`) is someone trying a task: it neither alerts nor counts in the streak
        if ((run.state() != RunState.SUCCESS && run.state() != RunState.FAILED)
                || run.trigger() == dev.orchestrator.model.TriggerKind.TEST) {
            return;
        }
        Notify notify = pipeline.notifications();
        AlertState before = state.alertState(pipeline.id());
        AlertState after;
        Optional<Alert.Kind> alert = Optional.empty();
        if (run.state() == RunState.FAILED) {
            int failures = before.consecutiveFailures() + 1;
            boolean due = !before.alerted() && failures >= notify.failureThreshold();
            boolean wanted = notify.onPipelineFailure() || notify.onTaskFailure();
            if (due && wanted) {
                alert = Optional.of(Alert.Kind.FAILURE);
            }
            after = new AlertState(failures, before.alerted() || (due && wanted));
        } else {
            if (before.alerted()) {
                alert = Optional.of(Alert.Kind.RECOVERED);
            } else if (notify.onPipelineSuccess()) {
                alert = Optional.of(Alert.Kind.SUCCESS);
            }
            after = AlertState.CLEAR;
        }
        if (!after.equals(before)) {
            state.saveAlertState(pipeline.id(), after, clock.instant());
        }
        alert.ifPresent(kind -> send(pipeline, run, kind, after.consecutiveFailures()));
    }

    private void send(Pipeline pipeline, FinishedRun run, Alert.Kind kind, int failures) {
        SecretMasker masker = secrets.get();
        Alert alert = new Alert(
                kind,
                pipeline.id(),
                masker.mask(pipeline.name()),
                run.runId(),
                run.state().yamlName(),
                kind == Alert.Kind.FAILURE ? run.failedTasks() : List.of(),
                kind == Alert.Kind.FAILURE ? run.firstError().map(masker::mask) : Optional.empty(),
                kind == Alert.Kind.FAILURE ? failures : 0);
        dispatcher.dispatch(pipeline.notifications().channels(), alert, masker);
    }
}
