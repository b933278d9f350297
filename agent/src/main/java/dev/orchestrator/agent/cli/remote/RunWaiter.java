package dev.orchestrator.agent.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.model.RunState;
import java.time.Duration;
import java.util.Locale;

/** Polls a run until it has ended. Polling keeps the CLI to plain requests that work through any proxy. */
final class RunWaiter {

    private final AgentClient agent;
    private final Duration interval;

    RunWaiter(AgentClient agent, Duration interval) {
        this.agent = agent;
        this.interval = interval;
    }

    /** @return the run's detail once it is success, failed, cancelled or crashed */
    JsonNode awaitEnd(String runId) throws InterruptedException {
        while (true) {
            JsonNode run = agent.get(ApiPath.of("/api/v1/runs/{}", runId));
            if (hasEnded(run)) {
                return run;
            }
            Thread.sleep(interval.toMillis());
        }
    }

    static boolean hasEnded(JsonNode run) {
        String status = run.path("status").asText();
        try {
            return RunState.valueOf(status.toUpperCase(Locale.ROOT)).isTerminal();
        } catch (IllegalArgumentException e) {
            return true; // a state from a newer agent: waiting for one this CLI cannot judge might never end
        }
    }

    static boolean succeeded(JsonNode run) {
        return RunState.SUCCESS.yamlName().equals(run.path("status").asText());
    }
}
