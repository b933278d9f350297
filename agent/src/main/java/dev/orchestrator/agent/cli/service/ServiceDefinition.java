package dev.orchestrator.agent.cli.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An agent as a service, whatever the service manager: what it runs, as whom, where it keeps its data. Paths are
 * absolute on the target system.
 *
 * @param name           the service's name ({@code orchestrator} gives {@code orchestrator.service})
 * @param user           the account it runs as
 * @param launcher       the program that starts the orchestrator, with its own arguments ({@code java -jar x.jar})
 * @param runArguments   what follows: {@code run --config ... --home ...}
 * @param home           the agent home, the one directory the agent writes
 * @param writablePaths  more directories the pipelines write to
 * @param gracePeriod    the agent's {@code --grace-seconds}: how long running work gets when the service stops
 * @param version        the orchestrator version that wrote the definition
 */
public record ServiceDefinition(
        String name,
        String user,
        List<String> launcher,
        List<String> runArguments,
        String home,
        List<String> writablePaths,
        Duration gracePeriod,
        String version) {

    public ServiceDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(version, "version");
        launcher = List.copyOf(launcher);
        runArguments = List.copyOf(runArguments);
        writablePaths = List.copyOf(writablePaths);
        if (launcher.isEmpty()) {
            throw new IllegalArgumentException("a service needs a program to start");
        }
    }

    /** The whole command line: the launcher, then the run arguments. */
    public List<String> command() {
        List<String> command = new ArrayList<>(launcher);
        command.addAll(runArguments);
        return command;
    }

    /**
     * How long the service manager waits after asking the agent to stop before it kills it. The agent gives
     * running work the grace period, then cancels it and gives the attempts the grace period again, then closes
     * the scheduler and the database: twice the grace period, plus half a minute for the rest.
     */
    public Duration stopTimeout() {
        return gracePeriod.multipliedBy(2).plusSeconds(30);
    }
}
