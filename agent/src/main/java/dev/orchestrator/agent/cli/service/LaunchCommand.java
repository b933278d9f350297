package dev.orchestrator.agent.cli.service;

import dev.orchestrator.agent.cli.Main;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How the {@code orchestrator} running now was started, so that a service starts the same program: the installed
 * launcher, {@code java -jar orchestrator.jar}, or (from a build's classes) {@code java -cp ... Main}.
 *
 * @param command  the program and its own arguments, before {@code run ...}
 * @param location the launcher or jar file (a WinSW definition goes beside it), or the classes directory
 */
public record LaunchCommand(List<String> command, Path location) {

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
            return new LaunchCommand(List.of(java, "-jar", code.toString()), code);
        }
        return new LaunchCommand(List.of(java, "-cp", System.getProperty("java.class.path"), Main.class.getName()),
                code);
    }

    private static Path codeLocation() {
        try {
            return Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the orchestrator's own location is not a file: " + e.getMessage(), e);
        }
    }
}
