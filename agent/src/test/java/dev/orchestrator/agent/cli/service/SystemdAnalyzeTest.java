package dev.orchestrator.agent.cli.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

class SystemdAnalyzeTest {

    @TempDir
    Path directory;

    @Test
    void skipsWithTheReasonAndInstallsNothingWhenTheProgramIsMissing() throws Exception {
        Path missing = directory.resolve("bin/systemd-analyze");
        Path unitFile = Files.writeString(directory.resolve("x.service"), "[Service]\nExecStart=/bin/true\n");

        Throwable thrown = catchThrowable(() -> SystemdAnalyze.verify(missing, unitFile));

        assertThat(thrown)
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining(missing + " is missing")
                .hasMessageContaining("apt-get install --no-install-recommends systemd")
                .hasMessageContaining(".ci/run");
        assertThat(missing).doesNotExist();
    }
}
