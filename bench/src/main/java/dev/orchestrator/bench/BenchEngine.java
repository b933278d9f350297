package dev.orchestrator.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.agent.JsonMapper;
import dev.orchestrator.agent.connector.ConnectorRegistry;
import dev.orchestrator.agent.execute.EngineSettings;
import dev.orchestrator.agent.execute.LogBudget;
import dev.orchestrator.agent.execute.PoolAdmission;
import dev.orchestrator.agent.execute.RevisionLookup;
import dev.orchestrator.agent.execute.RunExecutor;
import dev.orchestrator.agent.execute.RunObserver;
import dev.orchestrator.agent.execute.RunRequest;
import dev.orchestrator.agent.store.jdbi.Database;
import dev.orchestrator.agent.store.jdbi.JdbiEventWaitStore;
import dev.orchestrator.agent.store.jdbi.JdbiPoolLeases;
import dev.orchestrator.agent.store.jdbi.JdbiRunStore;
import dev.orchestrator.config.PipelineConfig;
import dev.orchestrator.config.PipelineConfigReader;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.RunState;
import dev.orchestrator.secret.SecretMasker;
import dev.orchestrator.validation.Validator;
import dev.orchestrator.yaml.EnvironmentLookup;
import dev.orchestrator.yaml.PipelineLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The run engine as the in-process benchmarks drive it: a fresh embedded H2 file database in a temporary
 * directory, the no-op connector, and the pipelines of one YAML text, with every state change committed as in
 * production. The pools the text declares are shared through the database as on an agent; calls find the text's
 * other pipelines. One per benchmark trial.
 */
final class BenchEngine implements AutoCloseable {

    private final Path directory;
    private final Database database;
    private final PoolAdmission pools;
    private final RunExecutor executor;
    private final PipelineConfig config;

    private BenchEngine(String name, String yaml) throws IOException {
        directory = Files.createTempDirectory(name);
        ObjectMapper json = JsonMapper.create();
        database = Database.embedded(directory.resolve("db"));
        ConnectorRegistry connectors = ConnectorRegistry.of(List.of(NoopConnector.class), Set.of(), json);
        config = new PipelineConfigReader(
                        new PipelineLoader(EnvironmentLookup.of(Map.of())),
                        new Validator(Optional.of(connectors), Clock.systemUTC()))
                .readText("bench.yaml", yaml, directory);
        if (config.hasErrors()) {
            throw new IllegalStateException("benchmark pipelines invalid: " + config.diagnostics());
        }
        Map<String, Integer> poolSizes = config.pools();
        // as on an agent, whether or not its pipelines declare pools
        pools = new PoolAdmission(
                new JdbiPoolLeases(database), () -> poolSizes, "bench", Duration.ofSeconds(15), Duration.ofSeconds(1));
        EngineSettings settings = new EngineSettings(
                Duration.ofSeconds(1),
                directory,
                directory.resolve("outputs"),
                directory.resolve("scratch"),
                "bench",
                ZoneId.of("UTC"),
                LogBudget.DEFAULT,
                RevisionLookup.NONE,
                pools,
                this::pipeline);
        executor = new RunExecutor(
                new JdbiRunStore(database, json),
                new JdbiEventWaitStore(database),
                connectors,
                settings,
                Clock.systemUTC(),
                RunObserver.NONE,
                json);
    }

    /** Starts an engine on the pipelines of {@code yaml}; its files live in a temporary directory named after {@code name}. */
    static BenchEngine start(String name, String yaml) throws IOException {
        return new BenchEngine(name, yaml);
    }

    /** The pipeline of the text with this id. */
    Optional<Pipeline> pipeline(String id) {
        return config.pipelines().stream()
                .filter(candidate -> candidate.id().equals(id))
                .findFirst();
    }

    /** The text's first pipeline. */
    Pipeline firstPipeline() {
        return config.pipelines().get(0);
    }

    /** Runs the pipeline once, manually, and fails unless the run succeeds within two minutes. */
    RunState runToSuccess(Pipeline pipeline) throws InterruptedException {
        String runId = executor.start(pipeline, RunRequest.manual(Map.of()), SecretMasker.none());
        RunState state = executor.await(runId, Duration.ofMinutes(2)).orElseThrow();
        if (state != RunState.SUCCESS) {
            throw new IllegalStateException("benchmark run ended " + state);
        }
        return state;
    }

    @Override
    public void close() throws IOException {
        executor.close();
        pools.close();
        database.close();
        try (var paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }
}
