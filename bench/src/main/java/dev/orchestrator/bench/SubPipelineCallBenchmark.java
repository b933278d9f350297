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
 * What a {@code pipeline:} call costs (issue 19, acceptance 3: a call adds ≤ 5 ms over running the child directly):
 * one whole run per operation, with full persistence in the embedded H2 file database, of a child pipeline of five
 * chained no-op tasks ({@code child_direct}), and of a pipeline whose one task calls it ({@code sub_pipeline_call}:
 * the child run, the call's wait in the event store, the child's end posted to it, the child's outputs read back).
 * The difference of the two averages is the call's cost.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(1)
public class SubPipelineCallBenchmark {

    static final String YAML = """
            pipelines:
              - id: caller
                tasks:
                  - { id: call, pipeline: child }
              - id: child
                tasks:
                  - { id: t0, connector: noop, action: nothing }
                  - { id: t1, connector: noop, action: nothing, depends_on: [t0] }
                  - { id: t2, connector: noop, action: nothing, depends_on: [t1] }
                  - { id: t3, connector: noop, action: nothing, depends_on: [t2] }
                  - { id: t4, connector: noop, action: nothing, depends_on: [t3] }
            """;

    @Param({"child_direct", "sub_pipeline_call"})
    String shape;

    private Path directory;
    private Database database;
    private RunExecutor executor;
    private Pipeline pipeline;

    @Setup(Level.Trial)
    public void startEngine() throws IOException {
        directory = Files.createTempDirectory("call-bench");
        ObjectMapper json = JsonMapper.create();
        database = Database.embedded(directory.resolve("db"));
        ConnectorRegistry connectors = ConnectorRegistry.of(List.of(NoopConnector.class), Set.of(), json);
        PipelineConfig config = new PipelineConfigReader(
                        new PipelineLoader(EnvironmentLookup.of(Map.of())),
                        new Validator(Optional.of(connectors), Clock.systemUTC()))
                .readText("bench.yaml", YAML, directory);
        if (config.hasErrors()) {
            throw new IllegalStateException("benchmark pipelines invalid: " + config.diagnostics());
        }
        EngineSettings settings = new EngineSettings(
                Duration.ofSeconds(1),
                directory,
                directory.resolve("outputs"),
                directory.resolve("scratch"),
                "bench",
                ZoneId.of("UTC"),
                LogBudget.DEFAULT,
                RevisionLookup.NONE,
                PoolAdmission.none(),
                id -> config.pipelines().stream()
                        .filter(candidate -> candidate.id().equals(id))
                        .findFirst());
        executor = new RunExecutor(
                new JdbiRunStore(database, json),
                new JdbiEventWaitStore(database),
                connectors,
                settings,
                Clock.systemUTC(),
                RunObserver.NONE,
                json);
        String id = shape.equals("child_direct") ? "child" : "caller";
        pipeline = config.pipelines().stream()
                .filter(candidate -> candidate.id().equals(id))
                .findFirst()
                .orElseThrow();
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
}
