package dev.orchestrator.agent.execute;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.agent.JsonMapper;
import dev.orchestrator.agent.connector.ConnectorRegistry;
import dev.orchestrator.agent.connector.builtin.BuiltinConnectors;
import dev.orchestrator.agent.store.EventWaitStore;
import dev.orchestrator.agent.store.RunDetail;
import dev.orchestrator.agent.store.RunStore;
import dev.orchestrator.agent.store.jdbi.Database;
import dev.orchestrator.agent.store.jdbi.JdbiEventWaitStore;
import dev.orchestrator.agent.store.jdbi.JdbiPoolLeases;
import dev.orchestrator.agent.store.jdbi.JdbiRunStore;
import dev.orchestrator.config.PipelineConfig;
import dev.orchestrator.config.PipelineConfigReader;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.ResourceLimits;
import dev.orchestrator.model.RunState;
import dev.orchestrator.validation.Validator;
import dev.orchestrator.yaml.EnvironmentLookup;
import dev.orchestrator.yaml.PipelineLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real engine on a real (in-memory H2) database, with pipelines read from YAML by the real loader: what a
 * test of the executor needs, and nothing faked. Register it with {@code @RegisterExtension}: each test gets
 * a fresh engine in a fresh temporary directory, closed and removed afterwards.
 */
final class EngineFixture implements BeforeEachCallback, AfterEachCallback {

    static final Duration GRACE = Duration.ofMillis(500);

    Database database;
    JdbiRunStore store;
    JdbiEventWaitStore waits;
    RunExecutor executor;
    private java.util.function.Supplier<RunExecutor> newExecutor;
    ConnectorRegistry connectors;
    Path directory;
    final List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    final List<FinishedRun> finishedRuns = new java.util.concurrent.CopyOnWriteArrayList<>();
    // read by the engine's threads when a pipeline: task starts its child run
    private volatile PipelineConfig lastConfig;
    private final LogBudget logBudget;
    private final UnaryOperator<RunStore> runStoreSeenByEngine;
    private final UnaryOperator<EventWaitStore> waitStoreSeenByEngine;
    private boolean onFile;
    private boolean withPools;
    /** The shared pools' slots: none unless {@link #withPools()}; then the pools of the last config read. */
    PoolAdmission pools = PoolAdmission.none();

    JdbiPoolLeases poolLeases;
    private Optional<ResourceLimits> limits = Optional.empty();
    /** This agent's resources: unlimited unless {@link #withResources}. */
    ResourceAdmission resources = ResourceAdmission.unlimited();

    EngineFixture() {
        this(LogBudget.DEFAULT);
    }

    /** An engine storing this much of each attempt's log. */
    EngineFixture(LogBudget logBudget) {
        this(logBudget, UnaryOperator.identity(), UnaryOperator.identity());
    }

    /**
     * An engine that reaches its stores through the test's wrappers (which record what the engine asks of them);
     * the fields {@link #store} and {@link #waits} stay the real stores, for the test's own reads.
     */
    EngineFixture(
            LogBudget logBudget,
            UnaryOperator<RunStore> runStoreSeenByEngine,
            UnaryOperator<EventWaitStore> waitStoreSeenByEngine) {
        this.logBudget = logBudget;
        this.runStoreSeenByEngine = runStoreSeenByEngine;
        this.waitStoreSeenByEngine = waitStoreSeenByEngine;
    }

    /** The engine takes the slots of the shared pools that the last config read declares, as an agent does. */
    EngineFixture withPools() {
        withPools = true;
        return this;
    }

    /** The engine's attempts may use at most these resources at once, as an agent started with these limits. */
    EngineFixture withResources(ResourceLimits agentLimits) {
        this.limits = Optional.of(agentLimits);
        return this;
    }

    /** The engine's database is an H2 file in the test's directory, as an agent's is. */
    EngineFixture onFile() {
        onFile = true;
        return this;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        events.clear();
        finishedRuns.clear();
        directory = Files.createTempDirectory("engine-fixture");
        ObjectMapper json = JsonMapper.create();
        this.database = onFile ? Database.embedded(directory) : Database.inMemory("engine-" + UUID.randomUUID());
        this.store = new JdbiRunStore(database, json);
        List<Class<?>> classes = new ArrayList<>(BuiltinConnectors.classes());
        classes.add(TestConnector.class);
        this.connectors = ConnectorRegistry.of(classes, Set.of(), json);
        if (withPools) {
            poolLeases = new JdbiPoolLeases(database);
            pools = new PoolAdmission(
                    poolLeases,
                    () -> lastConfig == null ? Map.of() : lastConfig.pools(),
                    "test-agent",
                    Duration.ofSeconds(15),
                    Duration.ofMillis(200));
        }
        if (limits.isPresent()) {
            resources = new ResourceAdmission(limits.get(), new JdbiPoolLeases(database)::noteWaiting);
        }
        EngineSettings settings = new EngineSettings(
                GRACE,
                directory,
                directory.resolve("outputs"),
                directory.resolve("scratch"),
                "test-agent",
                ZoneId.of("UTC"),
                logBudget,
                RevisionLookup.NONE,
                pools,
                this::loaded,
                resources);
        RunObserver observer = new RunObserver() {
            @Override
            public void taskChanged(String runId, String taskId, dev.orchestrator.model.TaskState state, int attempt) {
                events.add(taskId + ":" + state.yamlName());
            }

            @Override
            public void runFinished(Pipeline pipeline, FinishedRun run) {
                finishedRuns.add(run);
            }
        };
        this.waits = new JdbiEventWaitStore(database);
        this.newExecutor = () -> new RunExecutor(
                runStoreSeenByEngine.apply(store),
                waitStoreSeenByEngine.apply(waits),
                connectors,
                settings,
                Clock.systemUTC(),
                observer,
                json);
        this.executor = newExecutor.get();
    }

    /** Stops the engine as a stopping agent does: its runs get {@code grace} to finish. */
    void stopEngine(Duration grace) {
        executor.shutdown(grace);
    }

    /**
     * A new engine on the same database, after {@link #stopEngine}: it resumes the runs the first left to it, as an
     * agent started again does.
     *
     * @return the ids of the runs resumed
     */
    List<String> startAgain() {
        executor = newExecutor.get();
        return executor.resumeWaitingRuns(this::loaded, secrets());
    }

    /** Reads pipelines from YAML text; they must validate without errors. */
    Pipeline pipeline(String yaml) {
        return pipeline(yaml, Map.of());
    }

    Pipeline pipeline(String yaml, Map<String, String> environment) {
        PipelineConfigReader reader = new PipelineConfigReader(
                new PipelineLoader(EnvironmentLookup.of(environment)),
                new Validator(Optional.of(connectors), Clock.systemUTC(), limits));
        lastConfig = reader.readText("test.yaml", yaml, directory);
        assertThat(lastConfig.diagnostics())
                .as("the test pipeline validates")
                .noneMatch(dev.orchestrator.diagnostic.Diagnostic::isError);
        return lastConfig.pipelines().get(0);
    }

    /**
     * Reads pipelines without checking them against the connectors (as an agent did before action_kwargs were
     * validated), for tests of what the executor does with what the validator would have refused.
     */
    Pipeline pipelineUncheckedAgainstConnectors(String yaml) {
        PipelineConfigReader reader = new PipelineConfigReader(
                new PipelineLoader(EnvironmentLookup.of(Map.of())), new Validator(Optional.empty(), Clock.systemUTC()));
        lastConfig = reader.readText("test.yaml", yaml, directory);
        assertThat(lastConfig.diagnostics())
                .as("the test pipeline is well-formed")
                .noneMatch(dev.orchestrator.diagnostic.Diagnostic::isError);
        return lastConfig.pipelines().get(0);
    }

    /** Reads a config of several pipelines from YAML text; it must validate without errors. */
    List<Pipeline> pipelines(String yaml) {
        pipeline(yaml);
        return lastConfig.pipelines();
    }

    /** A pipeline of the YAML read last, by id: what a pipeline: task of this engine calls. */
    Optional<Pipeline> loaded(String pipelineId) {
        PipelineConfig config = lastConfig;
        return config == null
                ? Optional.empty()
                : config.pipelines().stream()
                        .filter(pipeline -> pipeline.id().equals(pipelineId))
                        .findFirst();
    }

    dev.orchestrator.secret.SecretMasker secrets() {
        return lastConfig.secrets();
    }

    String start(Pipeline pipeline) {
        return executor.start(pipeline, RunRequest.manual(Map.of()), secrets());
    }

    RunState await(String runId) throws InterruptedException {
        return executor.await(runId, Duration.ofMinutes(2))
                .orElseThrow(() -> new AssertionError("run " + runId + " did not end within 2 min"));
    }

    /** Starts, waits, and returns the stored detail. */
    RunDetail run(Pipeline pipeline) throws InterruptedException {
        String runId = start(pipeline);
        await(runId);
        return store.findRun(runId).orElseThrow();
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        executor.close();
        if (withPools) {
            pools.close();
        }
        resources.close();
        database.close();
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
