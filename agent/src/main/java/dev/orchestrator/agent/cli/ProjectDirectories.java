package dev.orchestrator.agent.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code --config} and {@code --plugins}, as the commands that work on a project's directories take them. */
final class ProjectDirectories {

    @Option(
            names = {"-c", "--config"},
            paramLabel = "DIR",
            defaultValue = "pipelines",
            description = "Directory of pipeline files. Default: ${DEFAULT-VALUE}")
    Path config;

    @Option(
            names = {"-p", "--plugins"},
            paramLabel = "DIR",
            defaultValue = "connectors",
            description = "Directory of connector and hook plugins. Default: ${DEFAULT-VALUE}")
    Path plugins;

    /** @throws ParameterException (exit code 2) when the config directory does not exist */
    Path requireConfig(CommandSpec spec) {
        if (!Files.isDirectory(config)) {
            throw new ParameterException(
                    spec.commandLine(),
                    "config directory '" + config + "' does not exist; "
                            + "pass --config with the directory of your pipeline files (orchestrator init NAME creates one)");
        }
        return config;
    }
}
