package dev.orchestrator.agent.cli.service;

import dev.orchestrator.agent.cli.common.ExitCodes;
import dev.orchestrator.agent.cli.common.VersionProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code orchestrator service install}: the agent as a service that starts with the machine. */
@Command(
        name = "install",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Install the agent as a service that starts with the machine and restarts after a failure.",
            "Linux: a systemd unit running as a dedicated user in a sandbox (it writes only its home and the "
                    + "--writable directories), enabled and started. Windows: a WinSW definition beside the "
                    + "orchestrator launcher, and how to install it.",
            "Options after -- go to `orchestrator run`, for example: -- --port 9000 --bind 0.0.0.0"
        })
public final class ServiceInstallCommand implements Callable<Integer> {

    private static final String DEFAULT_USER = "orchestrator";

    @Spec
    private CommandSpec spec;

    @Mixin
    private ServiceName service;

    @Option(
            names = "--dry-run",
            description = "Print the unit (or the XML), and the commands install would run; " + "change nothing.")
    private boolean dryRun;

    @Option(
            names = {"-c", "--config"},
            paramLabel = "DIR",
            defaultValue = "pipelines",
            description = "Directory of pipeline files the service runs. Default: ${DEFAULT-VALUE}")
    private String config;

    @Option(
            names = {"-p", "--plugins"},
            paramLabel = "DIR",
            description = "Directory of connector and hook plugins.")
    private String plugins;

    @Option(
            names = "--home",
            paramLabel = "DIR",
            description = "The service's agent home (database, logs, token). "
                    + "Default: /var/lib/NAME on Linux, %%ProgramData%%\\Orchestrator\\NAME on Windows")
    private String home;

    @Option(
            names = "--user",
            paramLabel = "USER",
            description = "The account the service runs as; on Linux it is " + "created when missing. Default: "
                    + DEFAULT_USER + " on Linux, LocalSystem on Windows")
    private String user;

    @Option(
            names = "--grace-seconds",
            paramLabel = "N",
            defaultValue = "10",
            description = "Time running work gets when the service stops. Default: ${DEFAULT-VALUE}")
    private int graceSeconds;

    @Option(
            names = "--writable",
            paramLabel = "DIR",
            description = "A directory the pipelines write to (the agent "
                    + "may write nowhere else but its home); repeat for several.")
    private List<String> writable = new ArrayList<>();

    @Option(
            names = "--launcher",
            paramLabel = "FILE",
            description = "The program the service starts. Default: "
                    + "this orchestrator (its launcher, or java -jar with its jar)")
    private String launcher;

    @Option(
            names = "--platform",
            paramLabel = "linux|windows",
            converter = PlatformName.class,
            description = "Write the service for this system: "
                    + "with --dry-run, another one than this machine's. Default: this machine's")
    private Platform platform;

    @Parameters(paramLabel = "RUN_OPTION", description = "Options for `orchestrator run`, after --.")
    private List<String> runOptions = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Platform target = platform != null ? platform : Platform.current();
        if (!target.isCurrent() && !dryRun) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--platform " + target.name().toLowerCase(Locale.ROOT)
                            + " is not this machine's system: add --dry-run to print its definition");
        }
        if (graceSeconds < 0) {
            throw new ParameterException(spec.commandLine(), "--grace-seconds must be at least 0");
        }
        if (target == Platform.LINUX && user != null && !user.matches("[a-z_][a-z0-9_-]{0,31}")) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--user '" + user + "' is not a Linux user name: use "
                            + "lower-case letters, digits, '_' and '-', starting with a letter or '_'");
        }
        LaunchCommand launch = launchCommand(target);
        ServiceDefinition definition = definition(target, launch);
        if (target == Platform.LINUX) {
            return installWithSystemd(definition);
        }
        String directory = Winsw.directoryOf(launch.location().toString());
        Plan plan = new Winsw().install(definition, directory, Optional.ofNullable(user));
        if (dryRun) {
            plan.print(spec.commandLine().getOut(), Plan.Comments.XML);
        } else {
            requireDirectory("--config", definition, config);
            plan.execute(spec.commandLine().getOut());
        }
        return ExitCodes.OK;
    }

    private int installWithSystemd(ServiceDefinition definition) throws Exception {
        Systemd systemd = new Systemd(Systemd.UNIT_DIRECTORY);
        Plan plan = systemd.install(definition);
        List<String> unreachable = unreachableBySystemdService(definition);
        if (dryRun) {
            unreachable.forEach(problem -> spec.commandLine().getErr().println("warning: " + problem));
            plan.print(spec.commandLine().getOut(), Plan.Comments.HASH);
            return ExitCodes.OK;
        }
        requireDirectory("--config", definition, config);
        if (!unreachable.isEmpty()) {
            throw new ParameterException(
                    spec.commandLine(),
                    String.join("\n", unreachable) + "\nthe service '" + definition.name()
                            + "' would not start; nothing was installed");
        }
        for (String directory : definition.writablePaths()) {
            // systemd cannot set up the sandbox around a directory that does not exist: the service would not start
            requireDirectory("--writable", definition, directory);
        }
        systemd.checkCanInstall();
        plan.execute(spec.commandLine().getOut());
        return ExitCodes.OK;
    }

    private ServiceDefinition definition(Platform target, LaunchCommand launch) {
        String agentHome = target.absolute(home != null ? home : target.defaultHome(service.get()));
        List<String> run = new ArrayList<>(List.of("run", "--config", target.absolute(config)));
        if (plugins != null) {
            run.addAll(List.of("--plugins", target.absolute(plugins)));
        }
        run.addAll(List.of("--home", agentHome, "--grace-seconds", Integer.toString(graceSeconds)));
        run.addAll(runOptions);
        String account = user != null ? user : target == Platform.LINUX ? DEFAULT_USER : "LocalSystem";
        return new ServiceDefinition(
                service.get(),
                account,
                launch.command(),
                run,
                agentHome,
                writable.stream().map(target::absolute).toList(),
                Duration.ofSeconds(graceSeconds),
                VersionProvider.version());
    }

    /** The program, its jar or classes, and the pipeline and plugin directories the service user would not reach. */
    private List<String> unreachableBySystemdService(ServiceDefinition definition) {
        List<String> problems =
                new ArrayList<>(ServiceReach.problems("the program", definition.launcher(), definition.user()));
        problems.addAll(ServiceReach.problems("--config", List.of(Platform.LINUX.absolute(config)), definition.user()));
        if (plugins != null) {
            problems.addAll(
                    ServiceReach.problems("--plugins", List.of(Platform.LINUX.absolute(plugins)), definition.user()));
        }
        return problems;
    }

    /** This orchestrator, unless --launcher names another; for another system, where its installer puts it. */
    private LaunchCommand launchCommand(Platform target) {
        if (launcher != null) {
            String program = target.absolute(launcher);
            return new LaunchCommand(List.of(program), Path.of(program));
        }
        if (!target.isCurrent()) {
            return new LaunchCommand(List.of(target.installedLauncher()), Path.of(target.installedLauncher()));
        }
        return LaunchCommand.current();
    }

    /** {@code linux} or {@code windows}, as users write them. */
    static final class PlatformName implements CommandLine.ITypeConverter<Platform> {

        @Override
        public Platform convert(String value) {
            try {
                return Platform.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a platform: linux or windows");
            }
        }
    }

    private void requireDirectory(String option, ServiceDefinition definition, String directory) {
        Path path = Path.of(directory).toAbsolutePath();
        if (!Files.isDirectory(path)) {
            throw new ParameterException(
                    spec.commandLine(),
                    option + " " + path + " is not a directory; the service '" + definition.name()
                            + "' needs it to exist before it starts");
        }
    }
}
