package dev.orchestrator.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.agent.JsonMapper;
import dev.orchestrator.agent.connector.ConnectorRegistry;
import dev.orchestrator.agent.execute.EngineSettings;
import dev.orchestrator.agent.execute.RunExecutor;
import dev.orchestrator.agent.execute.RunObserver;
import dev.orchestrator.agent.execute.RunRequest;
import dev.orchestrator.agent.store.jdbi.Database;
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
import java.util.stream.Collectors;
import java.util.stream.IntStream;
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
 * One run of a {@code for_each} map of no-op items per operation, with full persistence in the embedded H2 file
 * database: every item's row inserted, started and finished, its output stored, the map's output gathered in
 * order. Target (issue 19): 10,000 items ≤ 3 s, the heap under 256 MB ({@code -jvmArgs -Xmx256m}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(1)
public class MapBenchmark {

    @Param({"10000"})
    int items;

    @Param({"8"})
    int maxParallel;

    private Path directory;
    private Database database;
    private RunExecutor executor;
    private Pipeline pipeline;

    @Setup(Level.Trial)
    public void startEngine() throws IOException {
        directory = Files.createTempDirectory("map-bench");
        ObjectMapper json = JsonMapper.create();
        database = Database.embedded(directory.resolve("db"));
        ConnectorRegistry connectors = ConnectorRegistry.of(List.of(NoopConnector.class), Set.of(), json);
        EngineSettings settings = new EngineSettings(
                Duration.ofSeconds(1),
                directory,
                directory.resolve("outputs"),
                directory.resolve("scratch"),
                "bench",
                ZoneId.of("UTC"));
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
                .readText("bench.yaml", yaml(items, maxParallel), directory);
        if (config.hasErrors()) {
            throw new IllegalStateException("benchmark pipeline invalid: " + config.diagnostics());
        }
        pipeline = config.pipelines().get(0);
    }

    @TearDown(Level.Trial)
    public void stopEngine() throws IOException {
        executor.close();
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

    static String yaml(int items, int maxParallel) {
        String list = IntStream.range(0, items).mapToObj(Integer::toString).collect(Collectors.joining(", "));
        return "pipelines:\n  - id: map\n    tasks:\n      - { id: each, for_each: { items: [" + list
                + "] }, max_parallel: " + maxParallel + ", connector: noop, action: nothing }\n";
    }
}
