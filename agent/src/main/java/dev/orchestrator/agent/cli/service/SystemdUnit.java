package dev.orchestrator.agent.cli.service;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Renders a {@link ServiceDefinition} as a systemd unit: a dedicated user, restarts after a failure, secrets from an
 * environment file, and a sandbox in which the agent may write only its home and the directories named for it.
 * Stateless.
 */
public final class SystemdUnit {

    /** Directories a sandbox with {@code ProtectHome=yes} hides; a service that reads from them gets read-only. */
    private static final List<String> HOME_DIRECTORIES = List.of("/home", "/root", "/run/user");

    private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private SystemdUnit() {}

    /** The file the unit of service {@code name} is installed as, below {@code /etc/systemd/system}. */
    public static String fileName(String name) {
        return name + ".service";
    }

    /** Where the service's secrets go, as {@code NAME=value} lines: systemd reads it, as root, at each start. */
    public static String environmentFile(String name) {
        return "/etc/orchestrator/" + name + ".env";
    }

    public static String render(ServiceDefinition service) {
        String home = specifiersEscaped(service.home());
        List<String> writable = Stream.concat(Stream.of(service.home()), service.writablePaths().stream())
                .toList();
        return """
                # Written by `orchestrator service install` (orchestrator %s).
                # Change settings with `systemctl edit %s`: a drop-in survives installing again.
                # Secrets (the ${VAR} of the pipelines) go in %s as NAME=value lines, mode 0600.
                [Unit]
                Description=Orchestrator agent (%s)
                Wants=network-online.target
                After=network-online.target

                [Service]
                Type=simple
                User=%s
                EnvironmentFile=-%s
                # the agent writes nowhere else; a JVM crash report lands here too
                WorkingDirectory=%s
                ExecStart=%s
                Restart=on-failure
                RestartSec=10
                # SIGTERM goes to the agent alone: it stops its tasks' processes itself, after the grace period
                KillMode=mixed
                TimeoutStopSec=%d
                # a JVM stopped by SIGTERM exits with 143 after its shutdown work
                SuccessExitStatus=143
                UMask=0027
                NoNewPrivileges=yes
                ProtectSystem=strict
                ProtectHome=%s
                ReadWritePaths=%s
                PrivateTmp=yes
                PrivateDevices=yes
                ProtectKernelTunables=yes
                ProtectKernelModules=yes
                ProtectControlGroups=yes
                RestrictSUIDSGID=yes
                LockPersonality=yes
                # no MemoryDenyWriteExecute: the JIT compiler writes the code it runs

                [Install]
                WantedBy=multi-user.target
                """.formatted(
                        service.version(),
                        service.name(),
                        environmentFile(service.name()),
                        service.name(),
                        service.user(),
                        specifiersEscaped(environmentFile(service.name())),
                        home,
                        commandLine(service.command()),
                        service.stopTimeout().toSeconds(),
                        protectHome(service, writable),
                        writable.stream().map(SystemdUnit::word).collect(Collectors.joining(" ")));
    }

    /**
     * {@code yes} hides /home, /root and /run/user from the agent; when the program, a directory it is given or one
     * it writes lies there, that would break it, so those are made read-only instead (the writable directories stay
     * writable through {@code ReadWritePaths}).
     */
    private static String protectHome(ServiceDefinition service, List<String> writable) {
        boolean usesHomeDirectory = Stream.concat(service.command().stream(), writable.stream())
                .flatMap(argument -> Stream.of(argument.split(":")))
                .anyMatch(path ->
                        HOME_DIRECTORIES.stream().anyMatch(home -> path.equals(home) || path.startsWith(home + "/")));
        return usesHomeDirectory ? "read-only" : "yes";
    }

    /** ExecStart's syntax: words split at spaces, double quotes around the others, $ and % doubled. */
    static String commandLine(List<String> command) {
        return command.stream()
                .map(argument -> word(argument.replace("$", "$$")))
                .collect(Collectors.joining(" "));
    }

    private static String word(String value) {
        String escaped = specifiersEscaped(value);
        if (PLAIN_WORD.matcher(value).matches()) {
            return escaped;
        }
        return '"' + escaped.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static String specifiersEscaped(String value) {
        return value.replace("%", "%%");
    }
}
