package dev.orchestrator.agent.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.agent.JsonMapper;
import dev.orchestrator.agent.cluster.ClusterInbox;
import dev.orchestrator.agent.connector.ConnectorRegistry;
import dev.orchestrator.agent.connector.builtin.BuiltinConnectors;
import dev.orchestrator.agent.store.RunDetail;
import dev.orchestrator.agent.store.jdbi.Database;
import dev.orchestrator.agent.store.jdbi.JdbiCancelRequestStore;
import dev.orchestrator.agent.store.jdbi.JdbiEventWaitStore;
import dev.orchestrator.agent.store.jdbi.JdbiRunStore;
import dev.orchestrator.config.PipelineConfig;
import dev.orchestrator.config.PipelineConfigReader;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TaskState;
import dev.orchestrator.validation.Validator;
import dev.orchestrator.yaml.EnvironmentLookup;
import dev.orchestrator.yaml.PipelineLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cancelling a caller whose child run another agent of the cluster took over (issue 19): two engines on one
 * database, as two agents; agent a's caller waits for a child that agent b goes on with (b took it over when a was
 * taken for dead), and cancelling the caller on a cancels the child on b, through the database's cancel requests
 * that b's inbox takes, as an operator's cancel of a run elsewhere does.
 */
class CallCancelAcrossAgentsTest {

    @TempDir
    Path directory;

    private final ObjectMapper json = JsonMapper.create();
    private final List<AutoCloseable> closing = new ArrayList<>();
    private Database database;
    private PipelineConfig config;

    @AfterEach
    void close() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
        database.close();
    }

    private RunExecutor engine(String agentId, ConnectorRegistry connectors) {
        RunExecutor engine = new RunExecutor(
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
                        PoolAdmission.none(),
                        this::pipeline),
                Clock.systemUTC(),
                RunObserver.NONE,
                json);
        closing.add(engine);
        return engine;
    }

    private Optional<Pipeline> pipeline(String pipelineId) {
        return config.pipelines().stream()
                .filter(pipeline -> pipeline.id().equals(pipelineId))
                .findFirst();
    }

    @Test
    void cancellingACallerOnOneAgentCancelsItsChildRunThatAnotherAgentGoesOnWith() throws Exception {
        List<Class<?>> classes = new ArrayList<>(BuiltinConnectors.classes());
        classes.add(TestConnector.class);
        ConnectorRegistry connectors = ConnectorRegistry.of(classes, Set.of(), json);
        config = new PipelineConfigReader(
                        new PipelineLoader(EnvironmentLookup.of(Map.of())),
                        new Validator(Optional.of(connectors), Clock.systemUTC()))
                .readText("calls.yaml", """
                        pipelines:
                          - id: nightly
                            tasks:
                              - { id: refresh_dims, pipeline: dimensions_refresh, params: { day: "2026-01-02" } }
                          - id: dimensions_refresh
                            params: { day: "" }
                            tasks:
                              - { id: ready, wait_for: { event: dims_ready, key: "{{ params.day }}" }, timeout_seconds: 300 }
                        """, directory);
        database = Database.inMemory("calls-" + UUID.randomUUID());
        JdbiRunStore store = new JdbiRunStore(database, json);
        RunExecutor first = engine("agent_a", connectors);
        String parentId = first.start(pipeline("nightly").orElseThrow(), RunRequest.manual(Map.of()), config.secrets());
        await("the child run to wait for its event")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> store.findRun(parentId)
                        .flatMap(parent -> parent.calls().childRunOf("refresh_dims"))
                        .flatMap(store::findRun)
                        .flatMap(child -> child.task("ready"))
                        .map(ready -> ready.status() == TaskState.WAITING)
                        .orElse(false));
        String childId = store.findRun(parentId)
                .orElseThrow()
                .calls()
                .childRunOf("refresh_dims")
                .orElseThrow();
        first.shutdown(Duration.ZERO); // both only wait: left as stored, as by an agent that died
        // agent b took the child over from the dead agent a (RunRecovery.adoptResumableRuns, which takes each run
        // apart: of the agents taking over, one got the child and another the caller)
        database.jdbi().useHandle(handle -> {
            handle.execute("UPDATE runs SET agent_id = 'agent_b' WHERE run_id = ?", childId);
            handle.execute("UPDATE event_waits SET agent_id = 'agent_b' WHERE run_id = ?", childId);
        });
        RunExecutor agentB = engine("agent_b", connectors);
        assertThat(agentB.resumeWaitingRuns(this::pipeline, config.secrets())).containsExactly(childId);
        closing.add(new ClusterInbox(new JdbiCancelRequestStore(database), "agent_b", agentB::cancel, List::of)
                .start(Duration.ofMillis(100)));
        RunExecutor agentA = engine("agent_a", connectors);
        assertThat(agentA.resumeWaitingRuns(this::pipeline, config.secrets())).containsExactly(parentId);

        assertThat(agentA.cancel(parentId, "cancelled by a test")).isTrue();

        assertThat(agentA.await(parentId, Duration.ofMinutes(2))).contains(RunState.CANCELLED);
        await("the child on agent b to end")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> store.findRun(childId).orElseThrow().run().status().isTerminal());
        RunDetail child = store.findRun(childId).orElseThrow();
        assertThat(child.run().status()).isEqualTo(RunState.CANCELLED);
        assertThat(child.run().agentId()).isEqualTo("agent_b");
        assertThat(child.run().reason())
                .hasValueSatisfying(reason -> assertThat(reason)
                        .contains("refresh_dims")
                        .contains(parentId)
                        .contains("stopped waiting for it"));
    }
}
