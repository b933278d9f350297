package dev.orchestrator.agent.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.agent.JsonMapper;
import dev.orchestrator.agent.connector.ConnectorRegistry;
import dev.orchestrator.agent.connector.builtin.BuiltinConnectors;
import dev.orchestrator.agent.store.AttemptRecord;
import dev.orchestrator.agent.store.HeartbeatStore;
import dev.orchestrator.agent.store.OnEveryDatabase;
import dev.orchestrator.agent.store.TaskRunRecord;
import dev.orchestrator.agent.store.TestDatabase;
import dev.orchestrator.agent.store.jdbi.Database;
import dev.orchestrator.agent.store.jdbi.JdbiEventWaitStore;
import dev.orchestrator.agent.store.jdbi.JdbiHeartbeatStore;
import dev.orchestrator.agent.store.jdbi.JdbiPoolLeases;
import dev.orchestrator.agent.store.jdbi.JdbiRunStore;
import dev.orchestrator.config.PipelineConfig;
import dev.orchestrator.config.PipelineConfigReader;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TaskState;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Two agents' engines sharing one database (PostgreSQL, as a cluster does; and H2): their tasks of one pool never
 * hold more slots between them than it has, whichever agent runs them, and a task waiting on one agent starts when
 * the other gives its slots back.
 */
class PoolClusterTest {

    @OnEveryDatabase
    void twoAgentsRunningAPipelineEachNeverRunMoreThanThePoolsTwoTasksAtOnce(TestDatabase testDatabase)
            throws IOException, InterruptedException {
        Path directory = Files.createTempDirectory("pool-cluster");
        ObjectMapper json = JsonMapper.create();
        List<Class<?>> classes = new ArrayList<>(BuiltinConnectors.classes());
        classes.add(TestConnector.class);
        ConnectorRegistry connectors = ConnectorRegistry.of(classes, Set.of(), json);
        PipelineConfig config = new PipelineConfigReader(
                        new PipelineLoader(EnvironmentLookup.of(Map.of())),
                        new Validator(Optional.of(connectors), Clock.systemUTC()))
                .readText("pools.yaml", PoolAdmissionTest.twoPipelinesOfSix(2), directory);
        Database first = testDatabase.open();
        List<RunExecutor> engines = new ArrayList<>();
        List<PoolAdmission> admissions = new ArrayList<>();
        JdbiRunStore store = new JdbiRunStore(first, json);
        try {
            for (String agentId : List.of("agent_a", "agent_b")) {
                Database database = testDatabase.kind() == TestDatabase.Kind.POSTGRESQL ? testDatabase.open() : first;
                new JdbiHeartbeatStore(database)
                        .beat(new HeartbeatStore.AgentPresence(
                                agentId, "host", 1, Optional.empty(), "test", Instant.now()));
                PoolAdmission pools = new PoolAdmission(
                        new JdbiPoolLeases(database),
                        config::pools,
                        agentId,
                        Duration.ofMinutes(5),
                        Duration.ofMillis(200));
                admissions.add(pools);
                engines.add(new RunExecutor(
                        new JdbiRunStore(database, json),
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
                                pools,
                                PipelineLookup.NONE),
                        Clock.systemUTC(),
                        RunObserver.NONE,
                        json));
            }
            List<String> reasons = new CopyOnWriteArrayList<>();

            String orders =
                    engines.get(0).start(config.pipelines().get(0), RunRequest.manual(Map.of()), config.secrets());
            String invoices =
                    engines.get(1).start(config.pipelines().get(1), RunRequest.manual(Map.of()), config.secrets());
            await().atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> {
                        for (String runId : List.of(orders, invoices)) {
                            store.findRun(runId).orElseThrow().tasks().stream()
                                    .filter(task -> task.status() == TaskState.PENDING)
                                    .flatMap(task -> task.reason().stream())
                                    .forEach(reasons::add);
                        }
                        return !reasons.isEmpty();
                    });

            assertThat(engines.get(0).await(orders, Duration.ofMinutes(2))).contains(RunState.SUCCESS);
            assertThat(engines.get(1).await(invoices, Duration.ofMinutes(2))).contains(RunState.SUCCESS);
            assertThat(reasons.get(0)).startsWith("waiting for pool warehouse: 2 of 2 slots taken by run_");
            List<AttemptRecord> attempts = new ArrayList<>();
            for (String runId : List.of(orders, invoices)) {
                store.findRun(runId).orElseThrow().tasks().stream()
                        .map(TaskRunRecord::attempts)
                        .forEach(attempts::addAll);
            }
            assertThat(attempts).hasSize(12).allMatch(attempt -> attempt.status() == TaskState.SUCCESS);
            assertThat(PoolAdmissionTest.mostAtOnce(attempts)).isEqualTo(2);
            assertThat(new JdbiPoolLeases(first).leases()).isEmpty();
        } finally {
            engines.forEach(RunExecutor::close);
            admissions.forEach(PoolAdmission::close);
            try (var paths = Files.walk(directory)) {
                paths.sorted(java.util.Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
    }
}
