package dev.orchestrator.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.agent.JsonMapper;
import dev.orchestrator.agent.connector.ConnectorRegistry;
import dev.orchestrator.agent.execute.EngineSettings;
import dev.orchestrator.agent.execute.LogBudget;
import dev.orchestrator.agent.execute.PipelineLookup;
import dev.orchestrator.agent.execute.PoolAdmission;
import dev.orchestrator.agent.execute.RevisionLookup;
import dev.orchestrator.agent.execute.RunExecutor;
import dev.orchestrator.agent.execute.RunObserver;
import dev.orchestrator.agent.execute.RunRequest;
import dev.orchestrator.agent.store.jdbi.Database;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One whole run per operation, with full persistence in the embedded H2 file database: every state change,
 * attempt and output committed as in production. Targets (SPEC/issue 3): chain of 1,000 no-op tasks ≤ 0.5 s;
 * fan-out of 1,000 with max_concurrency 4 ≤ 0.5 s; fan-out of 10,000 ≤ 3 s; 40 chained tasks sleeping 10 ms
 * each ≤ 0.55 s. The {@code _pool} shapes are the same runs with every task in a shared pool as large as the
 * run's max_concurrency (issue 21): the slots never hold a task back, so the difference is what admission costs (a
 * lease taken and given back in the database per task; target ≤ 1 ms per task).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(1)
public class EngineBenchmark {

    @Param({"chain_1000", "fanout_1000", "fanout_10000", "sleep_chain_40", "chain_1000_pool", "fanout_1000_pool"})
    String shape;

    private Path directory;
    private Database database;
    private RunExecutor executor;
    private Pipeline pipeline;
    private PoolAdmission pools;
    private volatile Map<String, Integer> poolSizes = Map.of();

    @Setup(Level.Trial)
    public void startEngine() throws IOException {
        directory = Files.createTempDirectory("engine-bench");
        ObjectMapper json = JsonMapper.create();
        database = Database.embedded(directory.resolve("db"));
        ConnectorRegistry connectors = ConnectorRegistry.of(List.of(NoopConnector.class), Set.of(), json);
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
                PipelineLookup.NONE);
        executor = new RunExecutor(
                new JdbiRunStore(database, json),
                new dev.orchestrator.agent.store.jdbi.JdbiEventWaitStore(database),
                connectors,
                settings,
                Clock.systemUTC(),
                RunObserver.NONE,
                json);
        PipelineConfig config = new PipelineConfigReader(
                        new PipelineLoader(EnvironmentLookup.of(Map.of())),
                        new Validator(Optional.of(connectors), Clock.systemUTC()))
                .readText("bench.yaml", yaml(shape), directory);
        if (config.hasErrors()) {
            throw new IllegalStateException("benchmark pipeline invalid: " + config.diagnostics());
        }
        pipeline = config.pipelines().get(0);
        poolSizes = config.pools();
    }

    @TearDown(Level.Trial)
    public void stopEngine() throws IOException {
        executor.close();
        pools.close();
        database.close();
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }

    @Benchmark
    public RunState run() throws InterruptedException {
        String runId = executor.start(pipeline, RunRequest.manual(Map.of()), SecretMasker.none());
        RunState state = executor.await(runId, Duration.ofMinutes(2)).orElseThrow();
        if (state != RunState.SUCCESS) {
            throw new IllegalStateException("benchmark run ended " + state);
        }
        return state;
    }

    static String yaml(String shape) {
        return switch (shape) {
            case "chain_1000" -> chain(1000, "nothing", "", 4);
            case "sleep_chain_40" -> chain(40, "sleep", ", action_kwargs: { millis: 10 }", 4);
            case "fanout_1000" -> fanOut(1000, 4);
            case "fanout_10000" -> fanOut(10_000, 4);
            case "chain_1000_pool" -> inPool(chain(1000, "nothing", "", 4), 4);
            case "fanout_1000_pool" -> inPool(fanOut(1000, 4), 4);
            default -> throw new IllegalArgumentException(shape);
        };
    }

    /** The pipeline with all its tasks in a pool of {@code size} slots. */
    private static String inPool(String yaml, int size) {
        return ("pools: { warehouse: " + size + " }\n" + yaml)
                .replaceFirst("\n    tasks:\n", "\n    pool: warehouse\n    tasks:\n");
    }

    private static String chain(int tasks, String action, String arguments, int concurrency) {
        StringBuilder yaml =
                new StringBuilder("pipelines:\n  - id: chain\n    max_concurrency: " + concurrency + "\n    tasks:\n");
        for (int i = 0; i < tasks; i++) {
            yaml.append("      - { id: t")
                    .append(i)
                    .append(", connector: noop, action: ")
                    .append(action)
                    .append(arguments)
                    .append(i == 0 ? "" : ", depends_on: [t" + (i - 1) + "]")
                    .append(" }\n");
        }
        return yaml.toString();
    }

    private static String fanOut(int tasks, int concurrency) {
        StringBuilder yaml = new StringBuilder("pipelines:\n  - id: fanout\n    max_concurrency: " + concurrency
                + "\n    tasks:\n      - { id: root, connector: noop, action: nothing }\n");
        for (int i = 0; i < tasks; i++) {
            yaml.append("      - { id: t")
                    .append(i)
                    .append(", connector: noop, action: nothing, depends_on: [root] }\n");
        }
        return yaml.toString();
    }
}
