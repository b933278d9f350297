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
     * the installer): a heap bound suited to a laptop, and memory given back when the agent idles. G1 with a
     * periodic collection rather than the serial collector, although the serial one kept an idle agent a little
     * smaller (about 135 MB against 140-180 MB; the JVM's defaults: 175 MB, measured on a busy machine): the
     * serial collector shrinks its heap only after a full collection, which an idle agent does not have, so the
     * heap a busy spell grew would stay taken; G1 starts a collection after 15 s without one and gives back what is
     * free beyond 30 % ({@code G1PeriodicGCInterval}, {@code MaxHeapFreeRatio}). The C library's heap keeps what
     * a burst's threads freed (about 17 MB after 3,000 runs): it is given back every 5 s
     * ({@code TrimNativeHeapInterval}, JDK 17.0.9 and later; older ones ignore it, hence
     * {@code IgnoreUnrecognizedVMOptions}). See bench/README.md.
     */
    public static final List<String> AGENT_JVM_OPTIONS = List.of("-XX:+UseG1GC", "-Xmx512m",
            "-XX:G1PeriodicGCInterval=15000", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30",
            "-XX:+IgnoreUnrecognizedVMOptions", "-XX:TrimNativeHeapInterval=5000");

    /**
     * The {@code orchestrator} command's main class. Named, not referenced: the command tree in
     * {@code dev.orchestrator.agent.cli} holds this package's commands, so this package must not need it back
     * (LaunchCommandTest checks the name).
     */
    static final String MAIN_CLASS = "dev.orchestrator.agent.cli.Main";

    /** The class-data-sharing archive the build writes beside {@code orchestrator.jar}. */
    public static final String CLASS_ARCHIVE = "orchestrator.jsa";

    public LaunchCommand {
        command = List.copyOf(command);
    }

    public static LaunchCommand current() {
        // set by jpackage's launchers: the launcher's own file
        String launcher = System.getProperty("jpackage.app-path");
        if (launcher != null) {
            return new LaunchCommand(List.of(launcher), Path.of(launcher));
        }
        String java = Path.of(System.getProperty("java.home"), "bin",
                Platform.current() == Platform.WINDOWS ? "java.exe" : "java").toString();
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
            return Path.of(LaunchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the orchestrator's own location is not a file: " + e.getMessage(), e);
        }
    }
}
