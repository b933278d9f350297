package dev.orchestrator.agent.cli.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code systemd-analyze verify}, which checks a unit the way systemd reads it (it needs no running systemd). When
 * the machine lacks it, it is installed from Debian's {@code systemd} package, as root; otherwise the test fails
 * saying how to get it: a check that silently does not run is no check.
 */
final class SystemdAnalyze {

    private static final Path PROGRAM = Path.of("/usr/bin/systemd-analyze");

    /** What {@code verify} printed (nothing when it has no objection), after its exit code. */
    record Verdict(int exitCode, String output) {
    }

    private SystemdAnalyze() {
    }

    static Verdict verify(Path unitFile) throws IOException, InterruptedException {
        ensureInstalled();
        Process verify = new ProcessBuilder(PROGRAM.toString(), "verify", unitFile.toString())
                .redirectErrorStream(true).start();
        String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!verify.waitFor(60, TimeUnit.SECONDS)) {
            verify.destroyForcibly();
            throw new AssertionError("systemd-analyze verify did not finish within a minute");
        }
        return new Verdict(verify.exitValue(), output);
    }

    private static synchronized void ensureInstalled() throws IOException, InterruptedException {
        if (Files.isExecutable(PROGRAM)) {
            return;
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root || !Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
            throw new AssertionError(PROGRAM + " is missing and cannot be installed from here (this needs root and "
                    + "apt-get); install it: sudo apt-get install systemd");
        }
        if (apt("install", "-y", "--no-install-recommends", "systemd") != 0
                && (apt("update") != 0 || apt("install", "-y", "--no-install-recommends", "systemd") != 0)) {
            throw new AssertionError("apt-get could not install systemd, which brings " + PROGRAM);
        }
    }

    private static int apt(String... arguments) throws IOException, InterruptedException {
        ProcessBuilder apt = new ProcessBuilder(concat("apt-get", arguments)).inheritIO();
        apt.environment().put("DEBIAN_FRONTEND", "noninteractive");
        return apt.start().waitFor();
    }

    private static List<String> concat(String first, String... rest) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(first), java.util.Arrays.stream(rest)).toList();
    }
}
