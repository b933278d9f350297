package dev.orchestrator.connector;

/**
 * A hook plugin. It runs after the run or task it is attached to has ended and its state is stored: what it
 * does, or throws, never changes that state. Implementations must be thread-safe.
 */
public interface HookHandler {

    /** @throws Exception recorded on the run, and nothing else happens */
    void handle(HookEvent event) throws Exception;
}
