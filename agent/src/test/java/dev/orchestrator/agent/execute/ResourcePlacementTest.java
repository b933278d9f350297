package dev.orchestrator.agent.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.agent.JsonMapper;
import dev.orchestrator.agent.cluster.LeastBusyPlacement;
import dev.orchestrator.agent.connector.ConnectorRegistry;
import dev.orchestrator.agent.connector.builtin.BuiltinConnectors;
import dev.orchestrator.agent.store.HeartbeatStore;
import dev.orchestrator.agent.store.OnEveryDatabase;
import dev.orchestrator.agent.store.TestDatabase;
import dev.orchestrator.agent.store.jdbi.Database;
import dev.orchestrator.agent.store.jdbi.JdbiEventWaitStore;
import dev.orchestrator.agent.store.jdbi.JdbiHeartbeatStore;
import dev.orchestrator.agent.store.jdbi.JdbiPipelineStateStore;
import dev.orchestrator.agent.store.jdbi.JdbiPoolLeases;
import dev.orchestrator.agent.store.jdbi.JdbiRunStore;
import dev.orchestrator.config.PipelineConfig;
import dev.orchestrator.config.PipelineConfigReader;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.ResourceLimits;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TriggerKind;
import dev.orchestrator.validation.Validator;
import dev.orchestrator.yaml.EnvironmentLookup;
import dev.orchestrator.yaml.PipelineLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Two agents' engines sharing one database (PostgreSQL, as a cluster does; and H2), each of 4096 MB and 4 processors:
 * a scheduled run whose tasks ask for resources goes to the agent with the most free capacity for it, even when that
 * agent has more runs going; a run asking nothing still goes by the fewest runs (issue 21).
 */
class ResourcePlacementTest {

    private static final String PIPELINES = """
            pipelines:
              - id: hold_memory
                tasks:
                  - { id: hold, connector: test, action: sleep, action_kwargs: { millis: 120000 }, resources: { memory_mb: 3072 } }
              - id: light_work
                tasks:
                  - { id: wait, connector: test, action: sleep, action_kwargs: { millis: 120000 } }
              - id: nightly_extract
                schedule: { type: interval, interval_seconds: 3600 }
                tasks:
                  - { id: extract, connector: test, action: echo, action_kwargs: { value: 1 }, resources: { memory_mb: 2048, cpu: 1 } }
              - id: nightly_ping
                schedule: { type: interval, interval_seconds: 3600 }
                tasks:
                  - { id: ping, connector: test, action: echo, action_kwargs: { value: 1 } }
            """;

    private record Agent(String id, RunExecutor engine, ResourceAdmission resources, JdbiHeartbeatStore heartbeats) {

        /** What the agent's ClusterMonitor writes every interval: its runs and what is free of its resources. */
        void beat() {
            var free = resources.free();
            heartbeats.beat(
                    new HeartbeatStore.AgentPresence(id, "host", 1, Optional.empty(), "test", Instant.now()),
                    engine.activeRunCount(),
                    Optional.of(new HeartbeatStore.Capacity(free.memoryMb(), free.cpu())));
        }
    }

    @OnEveryDatabase
    void aScheduledRunAskingForResourcesGoesToTheAgentWithTheMostFreeCapacityNotTheFewestRuns(TestDatabase testDatabase)
            throws IOException, InterruptedException {
        Path directory = Files.createTempDirectory("resource-placement");
        ObjectMapper json = JsonMapper.create();
        List<Class<?>> classes = new ArrayList<>(BuiltinConnectors.classes());
        classes.add(TestConnector.class);
        ConnectorRegistry connectors = ConnectorRegistry.of(classes, Set.of(), json);
        ResourceLimits limits = new ResourceLimits(4096, 4);
        PipelineConfig config = new PipelineConfigReader(
                        new PipelineLoader(EnvironmentLookup.of(Map.of())),
                        new Validator(Optional.of(connectors), Clock.systemUTC(), Optional.of(limits)))
                .readText("resources.yaml", PIPELINES, directory);
        assertThat(config.diagnostics()).noneMatch(dev.orchestrator.diagnostic.Diagnostic::isError);
        Database first = testDatabase.open();
        JdbiRunStore store = new JdbiRunStore(first, json);
        Map<String, Agent> agents = new LinkedHashMap<>();
        try {
            for (String agentId : List.of("agent_a", "agent_b")) {
                Database database = testDatabase.kind() == TestDatabase.Kind.POSTGRESQL ? testDatabase.open() : first;
                JdbiHeartbeatStore heartbeats = new JdbiHeartbeatStore(database);
                ResourceAdmission resources = new ResourceAdmission(limits, new JdbiPoolLeases(database)::noteWaiting);
                JdbiRunStore runs = new JdbiRunStore(database, json);
                RunExecutor engine = new RunExecutor(
                        runs,
                        new JdbiEventWaitStore(database),
                        connectors,
                        new EngineSettings(
                                Duration.ofMillis(500),
                                directory,
                                directory.resolve(agentId).resolve("outputs"),
                                directory.resolve(agentId).resolve("scratch"),
                                agentId,
                                ZoneId.of("UTC"),
                                LogBudget.DEFAULT,
                                RevisionLookup.NONE,
                                PoolAdmission.none(),
                                PipelineLookup.NONE,
                                resources),
                        Clock.systemUTC(),
                        RunObserver.NONE,
                        json,
                        new LeastBusyPlacement(agentId, heartbeats, runs, Duration.ofMinutes(1), Duration.ZERO, () -> {
                            var free = resources.free();
                            return Optional.of(new HeartbeatStore.Capacity(free.memoryMb(), free.cpu()));
                        }));
                agents.put(agentId, new Agent(agentId, engine, resources, heartbeats));
            }
            Agent a = agents.get("agent_a");
            Agent b = agents.get("agent_b");
            // a: one run holding 3072 of its 4096 MB; b: two runs asking nothing
            List<String> longRuns = new ArrayList<>();
            longRuns.add(
                    a.engine().start(pipeline(config, "hold_memory"), RunRequest.manual(Map.of()), config.secrets()));
            longRuns.add(
                    b.engine().start(pipeline(config, "light_work"), RunRequest.manual(Map.of()), config.secrets()));
            longRuns.add(
                    b.engine().start(pipeline(config, "light_work"), RunRequest.manual(Map.of()), config.secrets()));
            await().atMost(Duration.ofMinutes(1))
                    .until(() -> a.resources().inUse().memoryMb() == 3072
                            && b.engine().activeRunCount() == 2);
            a.beat();
            b.beat();

            ScheduledOutcome extract = a.engine()
                    .startScheduled(List.of(scheduled(first, config, "nightly_extract", "agent_a")))
                    .get(0);
            ScheduledOutcome ping = a.engine()
                    .startScheduled(List.of(scheduled(first, config, "nightly_ping", "agent_a")))
                    .get(0);

            assertThat(extract.kind())
                    .as("1024 MB free on agent_a, 4096 on agent_b: agent_b, although it has two runs to one")
                    .isEqualTo(ScheduledOutcome.Kind.HANDED_OVER);
            String extractRun = extract.runId().orElseThrow();
            assertThat(store.findRun(extractRun).orElseThrow().run().agentId()).isEqualTo("agent_b");
            assertThat(ping.kind())
                    .as("a run asking nothing stays on the agent with fewer runs")
                    .isEqualTo(ScheduledOutcome.Kind.STARTED);
            assertThat(b.engine().startHandedOver(config::pipeline, config.secrets()))
                    .containsExactly(extractRun);
            assertThat(b.engine().await(extractRun, Duration.ofMinutes(1))).contains(RunState.SUCCESS);
            longRuns.forEach(
                    runId -> agents.values().forEach(agent -> agent.engine().cancel(runId, "test done")));
        } finally {
            agents.values().forEach(agent -> {
                agent.engine().close();
                agent.resources().close();
            });
            try (var paths = Files.walk(directory)) {
                paths.sorted(java.util.Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
    }

    private static Pipeline pipeline(PipelineConfig config, String id) {
        return config.pipeline(id).orElseThrow();
    }

    private static RunExecutor.ScheduledStart scheduled(
            Database database, PipelineConfig config, String pipelineId, String claimedBy) {
        ZonedDateTime fire = Instant.parse("2026-03-01T06:00:00Z").atZone(ZoneId.of("UTC"));
        new JdbiPipelineStateStore(database).claimFire(pipelineId, fire.toInstant(), claimedBy, Instant.now());
        return new RunExecutor.ScheduledStart(
                pipeline(config, pipelineId),
                new RunRequest(TriggerKind.SCHEDULE, Optional.of(fire), Map.of(), 0, Optional.empty()),
                config.secrets());
    }
}
