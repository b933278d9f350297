package dev.orchestrator.agent.cli;

import dev.orchestrator.agent.Agent;
import dev.orchestrator.agent.AgentConfig;
import dev.orchestrator.agent.AgentHome;
import dev.orchestrator.agent.LogSetup;
import dev.orchestrator.agent.cli.common.VersionProvider;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the build runs once, under {@code -XX:ArchiveClassesAtExit=orchestrator.jsa}, so that the class-data-sharing
 * archive shipped beside the jar holds the classes a person's first commands load: {@code validate} of the
 * example pipelines, an agent start on a fresh home to ready, and {@code list} and {@code runs} against it.
 * Not a command: {@code java -cp orchestrator.jar dev.orchestrator.agent.cli.ClassArchiveTraining PIPELINES}.
 */
public final class ClassArchiveTraining {

    private ClassArchiveTraining() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ClassArchiveTraining PIPELINES_DIRECTORY");
        }
        Path pipelines = Path.of(args[0]);
        Path home = Files.createTempDirectory("orchestrator-class-archive");
        try {
            Path noPlugins = home.resolve("connectors");
            LogSetup.forAgent(AgentHome.open(home).logs());
            run("validate", "--config", pipelines.toString(), "--plugins", noPlugins.toString());
            try (Agent agent = Agent.start(
                    new AgentConfig(
                            home,
                            pipelines,
                            noPlugins,
                            "127.0.0.1",
                            0,
                            Optional.empty(),
                            30,
                            Duration.ofSeconds(1),
                            ZoneId.systemDefault(),
                            "class-archive",
                            AgentConfig.DEFAULT_MISFIRE_THRESHOLD),
                    VersionProvider.version(),
                    Clock.system(ZoneId.systemDefault()))) {
                // the scheduler starts in the background: its classes belong in the archive too
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (!agent.schedules().isRunning() && System.nanoTime() < deadline) {
                    Thread.sleep(20); // not a busy wait: on two cores it would slow the start it waits for
                }
                run("list", "--home", home.toString());
                run("runs", "--home", home.toString());
            }
        } finally {
            try (Stream<Path> files = Files.walk(home)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
        // the scheduler's and the server's threads end with the agent; exiting here writes the archive
        System.exit(0);
    }

    private static void run(String... arguments) {
        StringWriter output = new StringWriter();
        int exitCode = Main.newCommandLine()
                .setOut(new PrintWriter(output))
                .setErr(new PrintWriter(output))
                .execute(arguments);
        System.out.println("orchestrator " + String.join(" ", arguments) + ": exit code " + exitCode);
    }
}
