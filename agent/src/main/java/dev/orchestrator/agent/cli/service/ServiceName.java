package dev.orchestrator.agent.cli.service;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --name}: which service, for the commands that install, remove or report one. */
final class ServiceName {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    private String name = "orchestrator";

    @Option(
            names = "--name",
            paramLabel = "NAME",
            defaultValue = "orchestrator",
            description = "The service's name; several agents on one machine need one each. Default: ${DEFAULT-VALUE}")
    void name(String value) {
        // a systemd unit name and a WinSW id both accept these
        if (!value.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--name '" + value + "' is not a service name: use "
                            + "letters, digits, '-', '_' and '.', starting with a letter or digit");
        }
        name = value;
    }

    String get() {
        return name;
    }
}
