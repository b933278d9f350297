package dev.orchestrator.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.agent.api.DeadlineResources;
import dev.orchestrator.agent.api.Route;
import dev.orchestrator.agent.deadline.DeadlineWatch;
import dev.orchestrator.agent.notify.AlertDispatcher;
import dev.orchestrator.agent.notify.AlertPolicy;
import dev.orchestrator.agent.pipeline.PipelineRegistry;
import dev.orchestrator.agent.store.DeadlineStore;
import dev.orchestrator.agent.store.PipelineStateStore;
import dev.orchestrator.agent.store.jdbi.Database;
import dev.orchestrator.agent.store.jdbi.JdbiDeadlineStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import okhttp3.OkHttpClient;

/**
 * The parts of an agent that send alerts: the dispatcher to the notify channels, the failure streak's policy, and
 * the deadline watch with its {@code /api/v1/deadlines} route. Built apart from {@link AgentAssembly} to keep that
 * one class to its size.
 *
 * @param deadlines started: it checks every second on the agent's clock
 */
record Alerting(AlertDispatcher dispatcher, AlertPolicy policy, DeadlineWatch deadlines, List<Route> routes) {

    private static final Duration DEADLINE_CHECKS = Duration.ofSeconds(1);

    static Alerting start(
            Database database,
            ObjectMapper json,
            PipelineRegistry pipelines,
            PipelineStateStore pipelineState,
            AgentConfig config,
            Clock clock) {
        AlertDispatcher dispatcher = new AlertDispatcher(
                () -> new OkHttpClient.Builder()
                        .connectTimeout(Duration.ofSeconds(5))
                        .callTimeout(Duration.ofSeconds(15))
                        .build(),
                json,
                clock,
                List.of(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(30)));
        DeadlineStore deadlineStore = new JdbiDeadlineStore(database);
        DeadlineWatch deadlines = new DeadlineWatch(
                        deadlineStore,
                        dispatcher,
                        pipelines::secrets,
                        pipelines::runnable,
                        pipelineState::pausedPipelines,
                        config.agentId(),
                        clock,
                        config.zone())
                .start(DEADLINE_CHECKS);
        return new Alerting(
                dispatcher,
                new AlertPolicy(pipelineState, dispatcher, pipelines::secrets, clock),
                deadlines,
                new DeadlineResources(deadlineStore).routes());
    }
}
