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

    private BenchEngine engine;
    private Pipeline pipeline;

    @Setup(Level.Trial)
    public void startEngine() throws IOException {
        engine = BenchEngine.start("engine-bench", yaml(shape));
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
