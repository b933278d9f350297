package dev.orchestrator.agent.process;

import dev.orchestrator.testsupport.AgentOverHttp;
import dev.orchestrator.testsupport.Ceilings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** An agent started the way a user starts it, as its own JVM, and talked to over its real HTTP API. */
final class AgentProcess extends AgentOverHttp {

    private static final int PORT_ATTEMPTS = 3;

    /** An answer takes milliseconds on an idle machine; a loaded one may starve the agent's threads for long. */
    private static final Duration REQUEST_CEILING = Duration.ofSeconds(60);

    private AgentProcess(Process process, int port, Path home, Path output) {
        super("the agent", process, port, home, output, Duration.ofSeconds(10), REQUEST_CEILING);
    }

    static AgentProcess start(Path config, Path home, Path output) throws IOException, InterruptedException {
        return start(config, home, output, List.of());
    }

    /** @param options more options of {@code orchestrator run}, such as {@code --db-url} and {@code --agent-id} */
    static AgentProcess start(Path config, Path home, Path output, List<String> options)
            throws IOException, InterruptedException {
        return start(config, home, output, options, List.of());
    }

    /** Started under {@code umask} (octal, such as {@code 022}) by a POSIX shell, as a login shell would. */
    static AgentProcess startUnderUmask(String umask, Path config, Path home, Path output)
            throws IOException, InterruptedException {
        return start(
                config, home, output, List.of(), List.of("/bin/sh", "-c", "umask " + umask + " && exec \"$@\"", "sh"));
    }

    private static AgentProcess start(Path config, Path home, Path output, List<String> options, List<String> launcher)
            throws IOException, InterruptedException {
        // a port is free when chosen, yet a test of another build on this machine may take it before the agent
        // binds it: the agent then says so and exits, and starting again on another port is what a person would do
        for (int attempt = 1; ; attempt++) {
            int port = freePort();
            List<String> command = new ArrayList<>(launcher);
            command.addAll(AgentCommandLine.run(config, home, port));
            command.addAll(List.of("--grace-seconds", "1"));
            command.addAll(options);
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                    .start();
            AgentProcess agent = new AgentProcess(process, port, home, output);
            try {
                agent.awaitHealthy(Ceilings.AGENT_START);
                return agent;
            } catch (RuntimeException | IOException e) {
                agent.close();
                if (attempt == PORT_ATTEMPTS || !agent.lostItsPort()) {
                    throw e;
                }
            }
        }
    }
}
