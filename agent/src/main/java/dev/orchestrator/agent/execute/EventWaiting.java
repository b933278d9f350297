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
 * The event side of one run's {@code wait_for} and {@code approval} tasks: renders a wait's key, records the wait
 * (which may take an event kept from before), and turns a delivered payload back into the task's output. An
 * approval waits the same way, for the event only a decision sends ({@link Approvals}). Holds no state of its
 * own; thread-safe as its services are.
 */
final class EventWaiting {

    private final EngineServices services;
    private final String runId;
    private final Map<String, Object> variables;

    EventWaiting(EngineServices services, String runId, Map<String, Object> variables) {
        this.services = services;
        this.runId = runId;
        this.variables = variables;
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
    }

    /** An event that reached a wait; its payload may be JSON {@code null}. */
    record Delivered(Object payload) {}

    /** The delivered event, if one came: the wait is over then. */
    Optional<Delivered> takeDelivered(String taskId) {
        return services.waits().takeDelivered(runId, taskId).map(this::delivered);
    }

    /** Ends the wait; an event that came at the very last moment still counts, and is returned. */
    Optional<Delivered> withdraw(String taskId) {
        return services.waits().withdraw(runId, taskId).map(this::delivered);
    }

    private Delivered delivered(String json) {
        try {
            return new Delivered(services.json().readValue(json, Object.class));
        } catch (JsonProcessingException e) {
            return new Delivered(json); // the API wrote it as JSON; text is the best reading of anything else
        }
    }

    /** True for a task that waits in the event store: a {@code wait_for} or an {@code approval}. */
    static boolean waits(Task task) {
        return task.waitFor().isPresent() || task.approval().isPresent();
    }

    /** The event the task's wait takes. */
    static String event(Task task) {
        return task.approval().isPresent() ? Approvals.EVENT : waitFor(task).event();
    }

    static WaitFor waitFor(Task task) {
        return task.waitFor()
                .orElseThrow(() -> new IllegalStateException("task '" + task.id() + "' waits for no event"));
    }
}
