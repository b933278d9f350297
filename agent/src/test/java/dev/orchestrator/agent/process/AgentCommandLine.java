package dev.orchestrator.agent.process;

import dev.orchestrator.agent.cli.service.LaunchCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of {@code orchestrator run} in its own JVM, as the launchers and the service units start it:
 * with the agent's JVM options (serial collector, client compiler, small heap), so a test's agent behaves and costs
 * what a user's does. The classes come from the test's class path rather than the shaded jar, which is built later.
 */
final class AgentCommandLine {

    private AgentCommandLine() {}

    /** {@code java <agent options> -cp <classes> Main run --config CONFIG --home HOME --port PORT}. */
    static List<String> run(Path config, Path home, int port) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(LaunchCommand.AGENT_JVM_OPTIONS);
        command.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                "dev.orchestrator.agent.cli.Main",
                "run",
                "--config",
                config.toString(),
                "--home",
                home.toString(),
                "--port",
                Integer.toString(port)));
        return command;
    }
}
