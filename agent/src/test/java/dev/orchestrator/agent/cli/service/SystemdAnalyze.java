package dev.orchestrator.agent.cli.service;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * {@code systemd-analyze verify}, which checks a unit the way systemd reads it (it needs no running systemd). A test
 * never installs anything: where the program is missing, the check is skipped with a reason that says how to get it
 * ({@code .ci/run} installs Debian's {@code systemd} before the build, so CI always runs it).
 */
final class SystemdAnalyze {

    private static final Path PROGRAM = Path.of("/usr/bin/systemd-analyze");

    /** Why a test that needs the program is skipped; it is also printed, so that no run skips it unnoticed. */
    private static final String HOW_TO_GET_IT = " is missing, so the unit was not checked with systemd-analyze"
            + " verify; install it (sudo apt-get install --no-install-recommends systemd) or run .ci/run, which does";

    /** What {@code verify} printed (nothing when it has no objection), after its exit code. */
    record Verdict(int exitCode, String output) {}

    private SystemdAnalyze() {}

    static Verdict verify(Path unitFile) throws IOException, InterruptedException {
        return verify(PROGRAM, unitFile);
    }

    /**
     * Runs {@code program verify unitFile}; where the program is missing, skips the calling test with the reason (also
     * printed, so that no run skips it unnoticed).
     */
    static Verdict verify(Path program, Path unitFile) throws IOException, InterruptedException {
        boolean installed = Files.isExecutable(program);
        if (!installed) {
            System.err.println("SKIPPED: " + program + HOW_TO_GET_IT);
        }
        assumeTrue(installed, program + HOW_TO_GET_IT);
        Process verify = new ProcessBuilder(program.toString(), "verify", unitFile.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!verify.waitFor(60, TimeUnit.SECONDS)) {
            verify.destroyForcibly();
            throw new AssertionError("systemd-analyze verify did not finish within a minute");
        }
        return new Verdict(verify.exitValue(), output);
    }
}
