package dev.orchestrator.agent.cli.service;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How the {@code orchestrator} running now was started, so that a service starts the same program: the installed
 * launcher, {@code java -jar orchestrator.jar}, or (from a build's classes) {@code java -cp ... Main}.
 *
 * @param command  the program and its own arguments, before {@code run ...}
 * @param location the launcher or jar file (a WinSW definition goes beside it), or the classes directory
 */
public record LaunchCommand(List<String> command, Path location) {

    /**
     * The JVM options an agent runs with, here and in the installed launcher ({@code orchestrator.properties} of
     * the installer): a heap bound suited to a laptop, and memory given back when the agent idles (issue 23, see
     * bench/README.md). The serial collector starting from a 16 MB heap, and the client compiler only: an agent
     * spends its time in the database, in processes and in waiting, not in hot loops, and with G1 and both
     * compilers it idled at 140-170 MB after start and 200-210 MB after a burst (G1's own structures about 40 MB,
     * the optimising compiler's code and metadata about 20 MB, and G1 grows its heap eagerly during a burst: 470 MB
     * right after one, against 180 MB); the serial collector grows the heap only as far as the live data needs and
     * gives it back at the full collection the agent asks for when it turns idle ({@code IdleMemory}), down to
     * 10 % free ({@code MaxHeapFreeRatio}; 30 % left 154 MB resident a minute after issue 23's burst, 10 % about
     * 144 MB: the old generation sized to its live data, and the young one, a third of the heap, with it). The
     * C library's heap keeps what a burst's threads freed (about 17 MB
     * after 3,000 runs): it is given back every 5 s ({@code TrimNativeHeapInterval}, JDK 17.0.9 and later; older
     * ones ignore it, hence {@code IgnoreUnrecognizedVMOptions}).
     */
    public static final List<String> AGENT_JVM_OPTIONS = List.of(
            "-XX:+UseSerialGC",
            "-Xms16m",
            "-Xmx512m",
            "-XX:TieredStopAtLevel=1",
            "-XX:MinHeapFreeRatio=10",
            "-XX:MaxHeapFreeRatio=10",
            "-XX:+IgnoreUnrecognizedVMOptions",
            "-XX:TrimNativeHeapInterval=5000");

    /**
     * The {@code orchestrator} command's main class. Named, not referenced: the command tree in
     * {@code dev.orchestrator.agent.cli} holds this package's commands, so this package must not need it back
     * (LaunchCommandTest checks the name).
     */
    static final String MAIN_CLASS = "dev.orchestrator.agent.cli.Main";

    /**
     * The JVM options of the command line's other commands (a short-lived JVM): the client compiler only and the
     * serial collector start sooner and spend about a third less CPU on a {@code validate} or a {@code list}.
     */
    public static final List<String> CLI_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    /** The class-data-sharing archive the build writes beside {@code orchestrator.jar}. */
    public static final String CLASS_ARCHIVE = "orchestrator.jsa";

    public LaunchCommand {
        command = List.copyOf(command);
    }

    /** The directory {@link #location} is in, absolute: where the service's WinSW wrapper lives. */
    String directory() {
        return location.toAbsolutePath().getParent().toString();
    }

    public static LaunchCommand current() {
        // set by jpackage's launchers: the launcher's own file
        String launcher = System.getProperty("jpackage.app-path");
        if (launcher != null) {
            return new LaunchCommand(List.of(launcher), Path.of(launcher));
        }
        String java = Path.of(
                        System.getProperty("java.home"),
                        "bin",
                        Platform.current() == Platform.WINDOWS ? "java.exe" : "java")
                .toString();
        Path code = codeLocation();
        if (Files.isRegularFile(code)) {
            return ofJar(java, code);
        }
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(AGENT_JVM_OPTIONS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), MAIN_CLASS));
        return new LaunchCommand(command, code);
    }

    /**
     * {@code java OPTIONS -jar orchestrator.jar}, with the class archive beside the jar when there is one:
     * {@code -Xshare:auto} makes a JVM that cannot use it (another Java runtime, a rebuilt jar) start without it.
     */
    static LaunchCommand ofJar(String java, Path jar) {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(AGENT_JVM_OPTIONS);
        Path archive = jar.resolveSibling(CLASS_ARCHIVE);
        if (Files.isRegularFile(archive)) {
            command.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto"));
        }
        command.addAll(List.of("-jar", jar.toString()));
        return new LaunchCommand(command, jar);
    }

    private static Path codeLocation() {
        try {
            return Path.of(LaunchCommand.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toAbsolutePath();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the orchestrator's own location is not a file: " + e.getMessage(), e);
        }
    }
}
