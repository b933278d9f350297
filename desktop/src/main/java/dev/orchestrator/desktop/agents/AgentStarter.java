package dev.orchestrator.desktop.agents;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Starts an agent on this machine for a user who has none running: {@code orchestrator run --config DIR},
 * as its own process that outlives the console, its output going to the agent's log in its home. The
 * {@code orchestrator} command is the one installed beside the console, else the one on the PATH, else the
 * agent jar of a source checkout.
 */
public final class AgentStarter {

    private final Path home;

    public AgentStarter(Path home) {
        this.home = home;
    }

    /** The command that runs the agent, if one can be found. */
    public Optional<List<String>> command() {
        String configured = System.getProperty("orchestrator.command");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(List.of(configured));
        }
        String launcherDirectory = System.getProperty("jpackage.app-path");
        if (launcherDirectory != null) {
            Path beside = Path.of(launcherDirectory).resolveSibling("orchestrator");
            if (Files.isExecutable(beside)) {
                return Optional.of(List.of(beside.toString()));
            }
        }
        for (String directory : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!directory.isBlank() && Files.isExecutable(Path.of(directory, "orchestrator"))) {
                return Optional.of(List.of(Path.of(directory, "orchestrator").toString()));
            }
        }
        Path jar = Path.of(System.getProperty("orchestrator.agent.jar", "agent/target/orchestrator.jar"));
        if (Files.isRegularFile(jar)) {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            return Optional.of(
                    List.of(java.toString(), "-jar", jar.toAbsolutePath().toString()));
        }
        return Optional.empty();
    }

    /**
     * Starts the agent on {@code pipelines}.
     *
     * @throws IOException when no command is found or the process cannot start, saying which
     */
    public Process start(Path pipelines) throws IOException {
        List<String> command = new ArrayList<>(command()
                .orElseThrow(() -> new IOException("no `orchestrator` "
                        + "command found beside the console, on the PATH, or as agent/target/orchestrator.jar; install "
                        + "the agent or start it by hand with `orchestrator run --config DIR`")));
        command.addAll(List.of("run", "--config", pipelines.toAbsolutePath().toString(), "--home", home.toString()));
        Files.createDirectories(home.resolve("logs"));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        home.resolve("logs").resolve("console-started.out").toFile()))
                .start();
    }
}
