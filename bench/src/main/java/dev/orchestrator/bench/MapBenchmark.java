package dev.orchestrator.bench;

import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.RunState;
import java.io.IOException;
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

    private BenchEngine engine;
    private Pipeline pipeline;

    @Setup(Level.Trial)
    public void startEngine() throws IOException {
        engine = BenchEngine.start("map-bench", yaml(items, maxParallel));
        pipeline = engine.firstPipeline();
    }

    @TearDown(Level.Trial)
    public void stopEngine() throws IOException {
        engine.close();
    }

    @Benchmark
    public RunState run() throws InterruptedException {
        return engine.runToSuccess(pipeline);
    }

    static String yaml(int items, int maxParallel) {
        String list = IntStream.range(0, items).mapToObj(Integer::toString).collect(Collectors.joining(", "));
        return "pipelines:\n  - id: map\n    tasks:\n      - { id: each, for_each: { items: [" + list
                + "] }, max_parallel: " + maxParallel + ", connector: noop, action: nothing }\n";
    }
}
