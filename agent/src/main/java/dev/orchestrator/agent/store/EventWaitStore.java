package dev.orchestrator.agent.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Tasks waiting for events, and events that came before any task waited for them (SPEC 4). An event matches a
 * wait when both name and key are equal. Every method commits before it returns. Matching is safe against posts
 * and waits that happen at the same moment, also from several agents sharing one database: an event reaches a
 * wait at most once, and an event kept because nobody waited is taken by at most one wait. Thread-safe.
 */
public interface EventWaitStore {

    /**
     * Records a wait, then lets it take the oldest unexpired kept event that matches. Whether it got one (or an
     * event posted at the same moment) {@link #takeDelivered} says.
     */
    void register(EventWait wait, Instant now);

    /**
     * Delivers an event to every wait it matches that has none yet. When there is none, the event is kept until
     * {@code keepUntil}, for a task that starts waiting later.
     *
     * @param payloadJson the event's payload as JSON text ({@code null} as the text {@code "null"})
     */
    Publication publish(String event, String key, String payloadJson, Instant now, Instant keepUntil);

    /** Where an event went: the waits it reached, or, when none, how long it is kept. */
    record Publication(List<DeliveredWait> deliveredTo, Optional<Instant> keptUntil) {}

    /** A wait an event was delivered to; {@code agentId} is the agent that must complete the task. */
    record DeliveredWait(String runId, String taskId, String agentId) {}

    /** The payload (JSON) delivered to a wait, if one was: the wait is then removed. */
    Optional<String> takeDelivered(String runId, String taskId);

    /**
     * Ends a wait without an event (timeout, cancel): removes it. When an event was delivered to it just before,
     * its payload comes back, and the caller decides whether it still counts.
     */
    Optional<String> withdraw(String runId, String taskId);

    /**
     * Delivers a payload to one task's wait for {@code event}, if it waits for that event and has none yet: an
     * approval's decision, which names its task rather than a key. Nothing is kept when it does not wait.
     *
     * @return the wait it reached; empty when the task does not wait for this event, or a payload reached it first
     */
    Optional<DeliveredWait> deliverTo(String runId, String taskId, String event, String payloadJson, Instant now);

    /** Every wait for this event that no payload has reached yet, oldest first (the approvals inbox). */
    List<EventWait> waitsFor(String event);

    /** The waits of a run, for resuming it after a restart. */
    List<EventWait> waitsOf(String runId);

    /** Waits of this agent that an event has reached but that are not taken yet. */
    List<DeliveredWait> deliveredWaits(String agentId);
}
