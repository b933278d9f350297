package dev.orchestrator.bench;

import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.RunState;
import java.io.IOException;
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

    private BenchEngine engine;
    private Pipeline pipeline;

    @Setup(Level.Trial)
    public void startEngine() throws IOException {
        engine = BenchEngine.start("call-bench", YAML);
        pipeline = engine.pipeline(shape.equals("child_direct") ? "child" : "caller")
                .orElseThrow();
    }

    @TearDown(Level.Trial)
    public void stopEngine() throws IOException {
        engine.close();
    }

    @Benchmark
    public RunState run() throws InterruptedException {
        return engine.runToSuccess(pipeline);
    }
}
