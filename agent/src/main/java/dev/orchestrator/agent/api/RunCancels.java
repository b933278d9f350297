package dev.orchestrator.agent.api;

import dev.orchestrator.agent.execute.NoSuchRunException;
import dev.orchestrator.agent.execute.RunExecutor;
import dev.orchestrator.agent.store.CancelRequestStore;
import dev.orchestrator.agent.store.RunDetail;
import dev.orchestrator.agent.store.RunHistory;
import dev.orchestrator.api.RunCancellingDto;
import java.time.Clock;

/**
 * Cancelling one run, wherever in the cluster it runs: this agent's runs are stopped here, another agent's are
 * left a cancel request that agent acts on within 250 ms. For {@code POST /api/v1/runs/{run_id}/cancel} and the
 * bulk cancel. Thread-safe.
 */
final class RunCancels {

    private final RunExecutor executor;
    private final RunHistory store;
    private final CancelRequestStore cancels;
    private final String agentId;
    private final Clock clock;

    RunCancels(RunExecutor executor, RunHistory store, CancelRequestStore cancels, String agentId, Clock clock) {
        this.executor = executor;
        this.store = store;
        this.cancels = cancels;
        this.agentId = agentId;
        this.clock = clock;
    }

    /**
     * @throws NoSuchRunException when there is no such run
     * @throws ApiException       409 when it has ended already
     */
    RunCancellingDto cancel(String runId, String reason) {
        RunDetail detail = run(runId);
        if (detail.run().status().isTerminal()) {
            throw ended(runId, detail);
        }
        String owner = detail.run().agentId();
        if (owner.equals(agentId) && executor.cancel(runId, reason)) {
            return new RunCancellingDto(runId, "cancelling", owner);
        }
        RunDetail now = run(runId);
        if (now.run().status().isTerminal()) {
            throw ended(runId, now); // it ended between reading it and cancelling it
        }
        // agents of a cluster share the history, not the work: the agent running it (or about to: a run handed
        // to it) cancels it, within 250 ms
        cancels.request(runId, reason + " of agent " + agentId, clock.instant());
        return new RunCancellingDto(runId, "cancelling", now.run().agentId());
    }

    private static ApiException ended(String runId, RunDetail detail) {
        return new ApiException(
                409,
                "conflict",
                "run " + runId + " already ended as " + detail.run().status().yamlName());
    }

    private RunDetail run(String runId) {
        return store.findRun(runId).orElseThrow(() -> new NoSuchRunException(runId));
    }
}
