package dev.orchestrator.agent.cli;

import dev.orchestrator.agent.Agent;
import dev.orchestrator.agent.AgentConfig;
import dev.orchestrator.agent.AgentHome;
import dev.orchestrator.agent.HomeLock;
import dev.orchestrator.agent.LogSetup;
import dev.orchestrator.agent.PortInUseException;
import dev.orchestrator.agent.api.TlsSettings;
import dev.orchestrator.agent.cli.common.ExitCodes;
import dev.orchestrator.agent.cli.common.VersionProvider;
import dev.orchestrator.agent.cluster.AgentIdInUseException;
import dev.orchestrator.agent.cluster.Heartbeats;
import dev.orchestrator.agent.execute.LogBudget;
import dev.orchestrator.agent.execute.MachineLimits;
import dev.orchestrator.agent.store.jdbi.UnableToOpenDatabaseException;
import dev.orchestrator.model.ResourceLimits;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code orchestrator run}: the agent, in the foreground, until SIGTERM or Ctrl-C. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Start the agent in the foreground: load the pipelines, run them, serve the HTTP API.",
            "Stops cleanly on SIGTERM or Ctrl-C: no new runs, running work gets the grace period."
        })
public final class RunCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ProjectDirectories project;

    @Option(
            names = "--home",
            paramLabel = "DIR",
            description = "Agent home: database, logs, token. Default: $ORCHESTRATOR_HOME or ~/.orchestrator")
    private Path home;

    @Option(
            names = "--bind",
            paramLabel = "ADDRESS",
            defaultValue = "127.0.0.1",
            description = "Address the API listens on. Default: ${DEFAULT-VALUE} (this machine only)")
    private String bind;

    @Option(
            names = "--port",
            paramLabel = "N",
            defaultValue = "8765",
            description = "API port; 0 picks a free one. Default: ${DEFAULT-VALUE}")
    private int port;

    @Option(
            names = "--db-url",
            paramLabel = "JDBC_URL",
            description = "Use this database instead of the embedded one (jdbc:postgresql://host/db to scale out: "
                    + "agents on one PostgreSQL database form a cluster)")
    private String databaseUrl;

    @Option(
            names = "--db-user",
            paramLabel = "NAME",
            description = "User for --db-url, when the URL names none; " + "the password comes from $"
                    + AgentConfig.DatabaseLogin.PASSWORD_VARIABLE)
    private String databaseUser;

    @Option(
            names = "--retention-days",
            paramLabel = "N",
            defaultValue = "30",
            description = "Finished runs older than this are purged daily. Default: ${DEFAULT-VALUE}")
    private int retentionDays;

    @Option(
            names = "--grace-seconds",
            paramLabel = "N",
            defaultValue = "10",
            description = "Time stopped work gets before it is killed. Default: ${DEFAULT-VALUE}")
    private int graceSeconds;

    @Option(
            names = "--timezone",
            paramLabel = "ZONE",
            description = "Time zone of pipelines that name none. Default: the system's")
    private ZoneId zone;

    @Option(
            names = "--agent-id",
            paramLabel = "NAME",
            description = "This agent's name in the run history. " + "Default: the host name")
    private String agentId;

    @Option(
            names = "--event-retention-minutes",
            paramLabel = "N",
            defaultValue = "60",
            description = "An event that no task waits for yet is kept this long for one that starts waiting "
                    + "later. Default: ${DEFAULT-VALUE}")
    private int eventRetentionMinutes;

    @Option(
            names = "--log-budget-lines",
            paramLabel = "N",
            defaultValue = "100000",
            description = "Lines of each task attempt's log that are stored; past them the first and the last half "
                    + "are kept, with a line saying what was dropped. Default: ${DEFAULT-VALUE}")
    private long logBudgetLines;

    @Option(
            names = "--log-budget-mb",
            paramLabel = "N",
            defaultValue = "5",
            description = "Megabytes of each task attempt's log that are stored, the same way. Default: "
                    + "${DEFAULT-VALUE}")
    private long logBudgetMegabytes;

    @Option(
            names = "--log-keep-whole",
            description = "Also write each task attempt's whole log, gzipped, to "
                    + "outputs/RUN/logs/TASK-ATTEMPT.log.gz in the home (purged with its run)")
    private boolean logKeepWhole;

    @Option(
            names = "--max-memory-mb",
            paramLabel = "MB",
            description = "Megabytes of memory the tasks running at once may ask for with their resources: a task "
                    + "starts only when its memory_mb fits beside the running ones. Default: the machine's memory")
    private Long maxMemoryMb;

    @Option(
            names = "--max-cpu",
            paramLabel = "N",
            description = "Processors (fractions allowed) the tasks running at once may ask for with their "
                    + "resources, the same way. Default: the machine's processors")
    private Double maxCpu;

    @Option(
            names = "--tls-keystore",
            paramLabel = "FILE",
            description = "Serve the API over HTTPS with this " + "PKCS12 keystore; its password comes from $"
                    + TlsSettings.PASSWORD_VARIABLE)
    private Path tlsKeystore;

    @Option(
            names = "--log-level",
            paramLabel = "LEVEL",
            defaultValue = "INFO",
            converter = LogSetup.LevelConverter.class,
            description = "The agent's log (stderr and agent.log in the home): ERROR, WARN, INFO or DEBUG. "
                    + "Default: ${DEFAULT-VALUE}. Runs starting and ending are printed on stdout at any level.")
    private String logLevel;

    @Override
    public Integer call() throws Exception {
        Path config = project.requireConfig(spec);
        Path plugins = project.plugins;
        if (retentionDays < 1 || graceSeconds < 0 || port < 0 || port > 65_535 || eventRetentionMinutes < 0) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--retention-days must be at least 1, "
                            + "--grace-seconds and --event-retention-minutes at least 0, --port between 0 and 65535");
        }
        if (logBudgetLines < 2 || logBudgetMegabytes < 1 || logBudgetMegabytes > 1_000_000) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--log-budget-lines must be at least 2 and " + "--log-budget-mb between 1 and 1000000, got "
                            + logBudgetLines + " and " + logBudgetMegabytes);
        }
        if ((maxMemoryMb != null && maxMemoryMb < 1) || (maxCpu != null && !(maxCpu > 0 && maxCpu <= 1_000_000))) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--max-memory-mb must be at least 1 and --max-cpu greater than 0, got " + maxMemoryMb + " and "
                            + maxCpu);
        }
        ResourceLimits machine = MachineLimits.of();
        ResourceLimits limits = new ResourceLimits(
                maxMemoryMb != null ? maxMemoryMb : machine.maxMemoryMb(), maxCpu != null ? maxCpu : machine.maxCpu());
        AgentConfig.DatabaseLogin login = databaseLogin();
        Path homeDirectory = home != null ? home : AgentHome.defaultLocation();
        try {
            // before the home, the database and the scheduler: a port taken is said at once, in one line
            PortInUseException.requireFree(bind, port);
        } catch (PortInUseException e) {
            throw new AgentNotStartedException(e, ExitCodes.USAGE);
        }
        AgentHome agentHome = AgentHome.open(homeDirectory);
        HomeLock homeLock;
        try {
            // before the log or the database is opened: a second agent must leave the first one's files alone
            homeLock = HomeLock.acquire(agentHome, port);
        } catch (HomeLock.HomeInUseException e) {
            throw new HomeInUseExit(e);
        }
        LogSetup.forAgent(agentHome.logs(), logLevel);
        AgentConfig agentConfig = new AgentConfig(
                homeDirectory,
                config,
                plugins,
                bind,
                port,
                Optional.ofNullable(databaseUrl),
                retentionDays,
                Duration.ofSeconds(graceSeconds),
                zone != null ? zone : ZoneId.systemDefault(),
                agentId != null ? agentId : hostName(),
                AgentConfig.DEFAULT_MISFIRE_THRESHOLD,
                tls(),
                Duration.ofMinutes(eventRetentionMinutes),
                login,
                Heartbeats.DEFAULT,
                new LogBudget(logBudgetLines, logBudgetMegabytes * 1024 * 1024, logKeepWhole),
                limits);
        Agent agent;
        try {
            agent = Agent.start(
                    agentConfig,
                    VersionProvider.version(),
                    Clock.system(ZoneId.systemDefault()),
                    homeLock,
                    new RunLines(
                            spec.commandLine().getOut(), Clock.system(ZoneId.systemDefault()), agentConfig.zone()));
        } catch (UnableToOpenDatabaseException | AgentIdInUseException e) {
            throw new AgentNotStartedException(e, ExitCodes.FAILED); // the message says what to do: no stack trace
        } catch (PortInUseException e) {
            throw new AgentNotStartedException(e, ExitCodes.USAGE); // taken since the check above
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            agent.close();
                            stopped.countDown();
                        },
                        "shutdown"));
        stopped.await();
        return ExitCodes.OK;
    }

    /** The agent could not start for a reason its message explains (exit code 1; 2 for a port in use). */
    static final class AgentNotStartedException extends RuntimeException implements CommandLine.IExitCodeGenerator {

        private final int exitCode;

        AgentNotStartedException(RuntimeException cause, int exitCode) {
            super(cause.getMessage(), cause);
            this.exitCode = exitCode;
        }

        @Override
        public int getExitCode() {
            return exitCode;
        }
    }

    /** The home is another agent's: the message names it; exit code 2, since another --home is the way out. */
    static final class HomeInUseExit extends RuntimeException implements CommandLine.IExitCodeGenerator {

        HomeInUseExit(HomeLock.HomeInUseException cause) {
            super(cause.getMessage(), cause);
        }

        @Override
        public int getExitCode() {
            return ExitCodes.USAGE;
        }
    }

    private AgentConfig.DatabaseLogin databaseLogin() {
        Optional<String> password = Optional.ofNullable(System.getenv(AgentConfig.DatabaseLogin.PASSWORD_VARIABLE))
                .filter(value -> !value.isEmpty());
        if (databaseUrl == null && (databaseUser != null || password.isPresent())) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--db-user and $"
                            + AgentConfig.DatabaseLogin.PASSWORD_VARIABLE + " are for the database of --db-url; the "
                            + "embedded database needs neither. Add --db-url, or leave them out");
        }
        if (databaseUrl != null && !databaseUrl.startsWith("jdbc:postgresql:") && !databaseUrl.startsWith("jdbc:h2:")) {
            // said by its kind only: the rest of a URL may hold a password
            java.util.regex.Matcher kind =
                    java.util.regex.Pattern.compile("^jdbc:[A-Za-z0-9]+:").matcher(databaseUrl);
            throw new ParameterException(
                    spec.commandLine(),
                    "--db-url must be a PostgreSQL (jdbc:postgresql://host/db)" + " or H2 (jdbc:h2:...) JDBC URL, not "
                            + (kind.find() ? "a " + kind.group() + " one" : "this"));
        }
        return new AgentConfig.DatabaseLogin(Optional.ofNullable(databaseUser), password);
    }

    private Optional<TlsSettings> tls() {
        if (tlsKeystore == null) {
            return Optional.empty();
        }
        if (!java.nio.file.Files.isRegularFile(tlsKeystore)) {
            throw new ParameterException(spec.commandLine(), "--tls-keystore " + tlsKeystore + " is not a file");
        }
        String password = System.getenv(TlsSettings.PASSWORD_VARIABLE);
        if (password == null) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--tls-keystore needs the keystore password in the " + "environment variable "
                            + TlsSettings.PASSWORD_VARIABLE);
        }
        TlsSettings settings = new TlsSettings(tlsKeystore, password.toCharArray());
        settings.context(); // a wrong password or file fails here, before anything starts
        return Optional.of(settings);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
