package dev.orchestrator.agent.connector.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orchestrator.connector.TaskContext;
import dev.orchestrator.connector.TaskLogger;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * A command's streams are read to their end however slowly the agent gets to them: on a loaded machine the task
 * log can lag seconds behind the command, and what the command printed is still its output and its cause.
 *
 * <p>The tests run at once ({@link ExecutionMode#CONCURRENT}; agent/pom.xml enables JUnit's parallel execution for
 * the methods so marked): each spends its seconds asleep in its own slow log, not on a core.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class ShellConnectorStreamsTest {

    /** Each line costs this much to log: 3,000 lines take 9 s, far beyond any fixed wait after the exit. */
    private static final Duration SLOW_LINE = Duration.ofMillis(3);

    @TempDir
    Path directory;

    private final ShellConnector shell = new ShellConnector();

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void theWholeStdoutIsTheOutputWhenTheLogLagsBehindTheCommand() throws Exception {
        SlowLog log = new SlowLog();

        Object output = shell.run("seq 1 3000", null, null, null, null, context(log));

        assertThat(output).isInstanceOf(String.class);
        List<String> lines = ((String) output).lines().toList();
        assertThat(lines).hasSize(3000);
        assertThat(lines.get(2999)).isEqualTo("3000");
        assertThat(log.lines).hasSize(3000);
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void theCauseIsTheLastStderrLineWhenTheLogLagsBehindTheCommand() {
        SlowLog log = new SlowLog();

        assertThatThrownBy(() -> shell.run(
                        "sh",
                        List.of("-c", "seq 1 3000 >&2; echo 'KeyError: region' >&2; exit 2"),
                        null,
                        null,
                        null,
                        context(log)))
                .isInstanceOf(ShellCommandFailedException.class)
                .satisfies(failure ->
                        assertThat(failure.getMessage().lines().findFirst()).hasValue("KeyError: region"));
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void aBackgroundChildHoldingStdoutOpenDoesNotHoldTheTask() throws Exception {
        long started = System.nanoTime();

        Object output = shell.run(
                "sh", List.of("-c", "echo done; sleep 20 &"), null, null, null, context(new SlowLog(Duration.ZERO)));

        assertThat(output).isEqualTo("done");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
    }

    private TaskContext context(TaskLogger log) {
        return new TaskContext() {
            @Override
            public String runId() {
                return "run_streams";
            }

            @Override
            public String pipelineId() {
                return "streams";
            }

            @Override
            public String taskId() {
                return "print";
            }

            @Override
            public int attempt() {
                return 1;
            }

            @Override
            public ZonedDateTime logicalTime() {
                return ZonedDateTime.now(ZoneOffset.UTC);
            }

            @Override
            public TaskLogger log() {
                return log;
            }

            @Override
            public boolean isCancelled() {
                return false;
            }

            @Override
            public void checkCancelled() {}

            @Override
            public Path scratchDirectory() {
                return directory;
            }

            @Override
            public Path configDirectory() {
                return directory;
            }

            @Override
            public Process startProcess(ProcessBuilder builder) throws IOException {
                return builder.start();
            }
        };
    }

    /** A task log that takes its time over every line, as one does on a machine with too much to do. */
    private static final class SlowLog implements TaskLogger {

        private final Duration perLine;
        final List<String> lines = new CopyOnWriteArrayList<>();

        SlowLog() {
            this(SLOW_LINE);
        }

        SlowLog(Duration perLine) {
            this.perLine = perLine;
        }

        @Override
        public void info(String message) {
            take(message);
        }

        @Override
        public void warn(String message) {
            take(message);
        }

        @Override
        public void error(String message) {
            take(message);
        }

        private void take(String message) {
            lines.add(message);
            try {
                Thread.sleep(perLine.toMillis()); // the cost of a line on a busy machine, not a wait for a condition
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
