package dev.orchestrator.model;

/**
 * A task that waits for an event sent to the API, matched by its rendered {@code key} (a template).
 */
public record WaitFor(String event, String key) {
}
