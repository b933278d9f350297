package dev.orchestrator.agent.execute;

import java.util.Map;

/**
 * What a new run takes over instead of running (a retry, a test run): the outputs of tasks that succeeded before,
 * by task id, and tasks an operator marked skipped, which stay skipped, with the reason they say so.
 */
record TakenOver(Map<String, Object> outputs, Map<String, String> skipped) {

    static final TakenOver NONE = new TakenOver(Map.of(), Map.of());

    static TakenOver outputs(Map<String, Object> outputs) {
        return new TakenOver(outputs, Map.of());
    }
}
