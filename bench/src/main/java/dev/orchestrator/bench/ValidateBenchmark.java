package dev.orchestrator.bench;

import dev.orchestrator.config.PipelineConfig;
import dev.orchestrator.config.PipelineConfigReader;
import dev.orchestrator.validation.Validator;
import dev.orchestrator.yaml.EnvironmentLookup;
import dev.orchestrator.yaml.PipelineLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
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
 * Loads and validates one pipeline file of N chained tasks from disk, warm: what {@code orchestrator validate},
 * the agent's reload and the editor do. Target for 1,000 tasks: at most 50 ms (the Python original needs
 * 190-260 ms). The template cache is what a long-running agent has; {@code freshAnalyzer} measures without it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ValidateBenchmark {

    @Param({"1000"})
    int tasks;

    private Path directory;
    private Path file;
    private PipelineConfigReader reader;

    @Setup(Level.Trial)
    public void writeFile() throws IOException {
        directory = Files.createTempDirectory("validate-bench");
        file = Files.writeString(directory.resolve("chain.yaml"), PipelineFiles.chain(tasks));
        reader = newReader();
        PipelineConfig config = reader.read(file);
        if (config.hasErrors() || config.pipelines().get(0).tasks().size() != tasks) {
            throw new IllegalStateException("the generated file does not validate: " + config.diagnostics());
        }
    }

    @TearDown(Level.Trial)
    public void deleteFile() throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(directory);
    }

    @Benchmark
    public PipelineConfig validateFile() throws IOException {
        return reader.read(file);
    }

    @Benchmark
    public PipelineConfig validateFileWithFreshAnalyzer() throws IOException {
        return newReader().read(file);
    }

    private static PipelineConfigReader newReader() {
        return new PipelineConfigReader(
                new PipelineLoader(EnvironmentLookup.of(Map.of())), new Validator(Optional.empty(), Clock.systemUTC()));
    }
}
