package dev.orchestrator.agent.connector.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.connector.TaskLogger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cutting a subprocess's stream into log lines, each at the level it states. */
class OutputLinesTest {

    private final List<String> logged = new ArrayList<>();
    private final TaskLogger log = new TaskLogger() {
        @Override
        public void info(String message) {
            logged.add("INFO " + message);
        }

        @Override
        public void warn(String message) {
            logged.add("WARN " + message);
        }

        @Override
        public void error(String message) {
            logged.add("ERROR " + message);
        }
    };

    @Test
    void aLineIsLoggedAtTheLevelItStatesAndAtInfoWhenItStatesNone() {
        OutputLines lines = new OutputLines("stderr", log, 3);
        write(lines, """
                ERROR:root:no rows
                [WARN] slow disk
                warning: deprecated flag
                time=12:00 level=error msg="boom"
                {"level": "warn", "msg": "x"}
                DEBUG cache miss
                Errors found: 0
                Information only\r
                KeyError: 'region'""");
        lines.close();

        assertThat(logged)
                .containsExactly(
                        "ERROR stderr: ERROR:root:no rows",
                        "WARN stderr: [WARN] slow disk",
                        "WARN stderr: warning: deprecated flag",
                        "ERROR stderr: time=12:00 level=error msg=\"boom\"",
                        "WARN stderr: {\"level\": \"warn\", \"msg\": \"x\"}",
                        "INFO stderr: DEBUG cache miss",
                        "INFO stderr: Errors found: 0",
                        "INFO stderr: Information only",
                        "INFO stderr: KeyError: 'region'");
        assertThat(lines.lastLines()).containsExactly("Errors found: 0", "Information only", "KeyError: 'region'");
    }

    @Test
    void aLineTooLongForTheLogIsCutAndSaysHowMuch() {
        OutputLines lines = new OutputLines("stdout", log, 1);
        write(lines, "x".repeat(10_000) + "\nnext\n");

        assertThat(logged).hasSize(2);
        assertThat(logged.get(0)).startsWith("INFO stdout: xxx").endsWith("x ... (1808 more bytes)");
        assertThat(logged.get(1)).isEqualTo("INFO stdout: next");
    }

    private static void write(OutputLines lines, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        lines.write(bytes, 0, 7); // arriving in pieces, as from a pipe
        lines.write(bytes, 7, bytes.length - 7);
    }
}
