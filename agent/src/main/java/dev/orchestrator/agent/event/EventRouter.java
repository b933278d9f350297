package dev.orchestrator.agent.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.agent.execute.RunExecutor;
import dev.orchestrator.agent.execute.RunRequest;
import dev.orchestrator.agent.pipeline.PipelineRegistry;
import dev.orchestrator.agent.store.EventWaitStore;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.ScheduleType;
import dev.orchestrator.model.TriggerKind;
import dev.orchestrator.model.WaitFor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Where an event that another system posts goes (SPEC 4, "Waiting tasks and events"): to every task waiting for
 * it (same name, same key), which then succeeds with the payload as its output; kept for {@code retention} when
 * no task waits yet; and to each pipeline whose schedule is {@code {type: event, event: <name>}}, which gets a
 * run with the payload as its {@code params} (queued behind {@code max_instances}). Thread-safe.
 */
public final class EventRouter {

    /**
     * What became of one event.
     *
     * @param keptUntil        when no task waited: how long it is kept for one that starts waiting later
     * @param startedRuns      runs of event-triggered pipelines (started, or queued behind max_instances)
     * @param pausedPipelines  event-triggered pipelines that did not start because they are paused
     */
    public record Routed(
            String event,
            String key,
            List<EventWaitStore.DeliveredWait> deliveredTo,
            Optional<Instant> keptUntil,
            List<String> startedRuns,
            List<String> pausedPipelines) {}

    private final EventWaitStore waits;
    private final RunExecutor executor;
    private final PipelineRegistry pipelines;
    private final Predicate<String> paused;
    private final Duration retention;
    private final Clock clock;
    private final ObjectMapper json;

    /** @param paused whether a pipeline is paused: a paused event pipeline starts no runs */
    public EventRouter(
            EventWaitStore waits,
            RunExecutor executor,
            PipelineRegistry pipelines,
            Predicate<String> paused,
            Duration retention,
            Clock clock,
            ObjectMapper json) {
        this.waits = waits;
        this.executor = executor;
        this.pipelines = pipelines;
        this.paused = paused;
        this.retention = retention;
        this.clock = clock;
        this.json = json;
    }

    /**
     * Delivers, keeps, and starts, in that order.
     *
     * @param key     matched against the rendered {@code wait_for.key} of waiting tasks; empty when the event only
     *                starts pipelines
     * @param payload any JSON value; a JSON object when an event pipeline is to get it as params
     * @throws IllegalArgumentException for a name that is no event name, or a payload that cannot be params
     * @throws dev.orchestrator.agent.execute.AgentStoppingException when the agent is stopping
     */
    @SuppressWarnings("unchecked")
    public Routed post(String event, String key, Object payload) {
        if (!WaitFor.isSafeEventName(event)) {
            throw new IllegalArgumentException("'" + event + "' is not an event name: " + WaitFor.EVENT_NAME_RULE);
        }
        List<Pipeline> triggered = pipelines.runnable().stream()
                .filter(pipeline -> pipeline.schedule().type() == ScheduleType.EVENT
                        && pipeline.schedule().event().filter(event::equals).isPresent())
                .toList();
        if (!triggered.isEmpty() && payload != null && !(payload instanceof Map)) {
            throw new IllegalArgumentException("event '" + event + "' starts pipeline(s) "
                    + String.join(", ", triggered.stream().map(Pipeline::id).toList())
                    + ", which take its payload as their params: send the payload as a JSON object, such as "
                    + "{\"path\": \"inbox/orders.csv\"}");
        }
        Instant now = clock.instant();
        EventWaitStore.Publication publication = waits.publish(event, key, toJson(payload), now, now.plus(retention));
        publication.deliveredTo().forEach(wait -> executor.eventDelivered(wait.runId(), wait.taskId()));
        List<String> started = new ArrayList<>();
        List<String> notStarted = new ArrayList<>();
        for (Pipeline pipeline : triggered) {
            if (paused.test(pipeline.id())) {
                notStarted.add(pipeline.id());
                continue;
            }
            Map<String, Object> params = payload == null ? Map.of() : (Map<String, Object>) payload;
            started.add(executor.start(
                    pipeline,
                    new RunRequest(TriggerKind.EVENT, Optional.empty(), params, 0, Optional.empty()),
                    pipelines.secrets()));
        }
        return new Routed(event, key, publication.deliveredTo(), publication.keptUntil(), started, notStarted);
    }

    private String toJson(Object payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the payload cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
