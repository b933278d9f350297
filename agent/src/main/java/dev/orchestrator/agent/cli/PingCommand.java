package dev.orchestrator.agent.cli;

import dev.orchestrator.agent.JsonMapper;
import dev.orchestrator.agent.connector.ConnectorPinger;
import dev.orchestrator.agent.connector.ConnectorRegistry;
import dev.orchestrator.agent.plugin.Plugins;
import dev.orchestrator.config.PipelineConfig;
import dev.orchestrator.config.PipelineConfigReader;
import dev.orchestrator.validation.Validator;
import dev.orchestrator.yaml.PipelineLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code orchestrator ping}: is every system the pipelines' connectors talk to reachable? */
@Command(name = "ping", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Ask each connector of the pipelines whether what it talks to is reachable.",
                "Exit code: 0 all reachable (or without a ping), 1 one or more not."})
public final class PingCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ProjectDirectories project;

    @Override
    public Integer call() throws IOException {
        Path config = project.requireConfig(spec);
        Path plugins = project.plugins;
        Plugins loaded = PluginCacheLocation.loader().load(plugins);
        ConnectorRegistry registry = loaded.registry(JsonMapper.create());
        PipelineConfig pipelines = new PipelineConfigReader(PipelineLoader.forConfigDirectory(config),
                new Validator(Optional.of(registry), Clock.systemDefaultZone())).read(config);
        List<ConnectorPinger.Answer> answers = new ConnectorPinger(registry).ping(pipelines.runnablePipelines(),
                ZonedDateTime.now(), pipelines.secrets());
        PrintWriter out = spec.commandLine().getOut();
        for (ConnectorPinger.Answer answer : answers) {
            out.printf("%-40s %-12s %-8s %s%n", answer.pipelineId() + "/" + answer.taskId(), answer.connector(),
                    answer.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '), answer.detail());
        }
        long failed = answers.stream().filter(answer -> answer.status() == ConnectorPinger.Status.FAILED).count();
        out.println(failed == 0 ? "OK: " + answers.size() + " connectors checked" : "FAILED: " + failed + " of "
                + answers.size() + " connectors not reachable");
        out.flush();
        return failed == 0 ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
