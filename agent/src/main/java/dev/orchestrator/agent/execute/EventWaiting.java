package dev.orchestrator.agent.execute;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.orchestrator.agent.store.EventWait;
import dev.orchestrator.model.Task;
import dev.orchestrator.model.WaitFor;
import dev.orchestrator.template.TemplateRenderException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The event side of one run's {@code wait_for}, {@code approval} and {@code pipeline:} tasks: renders a wait's key,
 * records the wait (which may take an event kept from before), and turns a delivered payload back into the task's
 * output. An approval waits the same way, for the event only a decision sends ({@link Approvals}); a call for the
 * event only its child run's end sends ({@link CallWaiting}, {@link PipelineCalls}). Not thread-safe: used under
 * its coordinator's lock.
 */
final class EventWaiting {

    private final EngineServices services;
    private final String runId;
    private final Map<String, Object> variables;
    private final CallWaiting calls;

    EventWaiting(EngineServices services, String runId, Map<String, Object> variables, CallWaiting calls) {
        this.services = services;
        this.runId = runId;
        this.variables = variables;
        this.calls = calls;
    }

    /** The run's {@code pipeline:} tasks. */
    CallWaiting calls() {
        return calls;
    }

    /**
     * The key the task waits for, rendered with the run's variables.
     *
     * @throws TemplateRenderException naming the task, when the key does not render
     */
    String key(Task task) {
        if (task.approval().isPresent()) {
            return Approvals.key(task);
        }
        if (task.call().isPresent()) { // the child run its call started: only an interrupted start has none
            return calls.child(task.id())
                    .orElseThrow(() -> new UnableToCallPipelineException(
                            "the agent stopped while task '" + task.id() + "' started its child run; retry the run",
                            null));
        }
        try {
            return services.templates().renderText(waitFor(task).key(), variables, "wait_for.key");
        } catch (TemplateRenderException e) {
            throw e.inTask(task.id());
        }
    }

    /** What the run detail shows while the task waits. */
    static String note(Task task, String key, Instant deadline) {
        if (task.approval().isPresent()) {
            return Approvals.note(task, deadline);
        }
        if (task.call().isPresent()) {
            return "waiting for its child run " + key + " of pipeline '"
                    + task.call().get().pipelineId() + "' until "
                    + deadline.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        }
        return "waiting for event '" + waitFor(task).event() + "' with key '" + key + "' until "
                + deadline.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    /** Records the wait; whether an event came already, {@link #takeDelivered} tells. */
    void register(Task task, String key, Instant since, Instant deadline) {
        services.waits()
                .register(
                        new EventWait(
                                runId,
                                task.id(),
                                event(task),
                                key,
                                services.settings().agentId(),
                                since,
                                deadline),
                        services.clock().instant());
        if (task.call().isPresent() && calls.tookOverEndedChild(task.id())) {
            services.calls().announceEnd(key, false);
        }
    }

    /** An event that reached a wait; its payload may be JSON {@code null}. */
    record Delivered(Object payload) {}

    /** The delivered event, if one came: the wait is over then. */
    Optional<Delivered> takeDelivered(String taskId) {
        return services.waits().takeDelivered(runId, taskId).map(this::delivered);
    }

    /**
     * Ends the wait; an event that came at the very last moment still counts, and is returned. A call's child run
     * that has not ended is cancelled.
     */
    Optional<Delivered> withdraw(Task task) {
        Optional<Delivered> delivered =
                services.waits().withdraw(runId, task.id()).map(this::delivered);
        if (delivered.isEmpty() && task.call().isPresent()) {
            calls.abandon(task);
        }
        return delivered;
    }

    /** After a restart: a call whose child run ended while nobody listened takes that end now. */
    void catchUp(Task task) {
        if (task.call().isPresent()) {
            calls.child(task.id()).ifPresent(child -> services.calls().announceEnd(child, false));
        }
    }

    /** Why the wait timed out. */
    static String timedOut(Task task, String limit) {
        if (task.approval().isPresent()) {
            return "nobody approved or rejected task '" + task.id() + "' within " + limit + " s";
        }
        if (task.call().isPresent()) {
            return "the child run of task '" + task.id() + "' (pipeline '"
                    + task.call().get().pipelineId() + "') did not end within " + limit + " s; it is cancelled";
        }
        return "no event '" + waitFor(task).event() + "' for task '" + task.id() + "' arrived within " + limit + " s";
    }

    private Delivered delivered(String json) {
        try {
            return new Delivered(services.json().readValue(json, Object.class));
        } catch (JsonProcessingException e) {
            return new Delivered(json); // the API wrote it as JSON; text is the best reading of anything else
        }
    }

    /**
     * True for a task that waits in the event store: a {@code wait_for}, an {@code approval}, or a {@code pipeline:}
     * call (but for a {@code for_each} one, whose items run as a map's).
     */
    static boolean waits(Task task) {
        return task.waitFor().isPresent()
                || task.approval().isPresent()
                || (task.call().isPresent() && !task.isMap());
    }

    /** The event the task's wait takes. */
    static String event(Task task) {
        if (task.call().isPresent()) {
            return PipelineCalls.EVENT;
        }
        return task.approval().isPresent() ? Approvals.EVENT : waitFor(task).event();
    }

    static WaitFor waitFor(Task task) {
        return task.waitFor()
                .orElseThrow(() -> new IllegalStateException("task '" + task.id() + "' waits for no event"));
    }
}
