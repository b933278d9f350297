package dev.orchestrator.agent.cli;

import dev.orchestrator.agent.JsonMapper;
import dev.orchestrator.agent.cli.common.ExitCodes;
import dev.orchestrator.agent.cli.common.VersionProvider;
import dev.orchestrator.agent.connector.ConnectorPinger;
import dev.orchestrator.agent.connector.ConnectorRegistry;
import dev.orchestrator.agent.plugin.Plugins;
import dev.orchestrator.config.PipelineConfig;
import dev.orchestrator.config.PipelineConfigReader;
import dev.orchestrator.validation.Validator;
import dev.orchestrator.yaml.PipelineLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code orchestrator ping}: is every system the pipelines' connectors talk to reachable? */
@Command(
        name = "ping",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Ask each connector of the pipelines whether what it talks to is reachable.",
            "Connectors that cannot be checked (a plugin without ping(), a shell task whose program is not known "
                    + "before it runs) are counted as not checkable, never as reachable.",
            "Exit code: 0 every checked one reachable, 1 one or more not."
        })
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
        PipelineConfig pipelines = new PipelineConfigReader(
                        PipelineLoader.forConfigDirectory(config),
                        new Validator(Optional.of(registry), Clock.system(ZoneId.systemDefault())))
                .read(config);
        List<ConnectorPinger.Answer> answers = new ConnectorPinger(registry)
                .ping(
                        pipelines.runnablePipelines(),
                        config,
                        ZonedDateTime.now(ZoneId.systemDefault()),
                        pipelines.secrets());
        PrintWriter out = spec.commandLine().getOut();
        for (ConnectorPinger.Answer answer : answers) {
            out.printf(
                    "%-40s %-12s %-14s %s%n",
                    answer.pipelineId() + "/" + answer.taskId(),
                    answer.connector(),
                    answer.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
                    answer.detail());
        }
        long failed = count(answers, ConnectorPinger.Status.FAILED);
        long notCheckable = count(answers, ConnectorPinger.Status.NOT_CHECKABLE);
        long checked = answers.size() - notCheckable;
        out.println(summary(checked, failed, notCheckable));
        out.flush();
        return failed == 0 ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private static long count(List<ConnectorPinger.Answer> answers, ConnectorPinger.Status status) {
        return answers.stream().filter(answer -> answer.status() == status).count();
    }

    /** "OK" only when something was checked and nothing failed: a ping that checked nothing proves nothing. */
    static String summary(long checked, long failed, long notCheckable) {
        String unchecked = notCheckable == 0 ? "" : ", " + notCheckable + " not checkable";
        if (failed > 0) {
            return "FAILED: " + failed + " of " + checked + " checked not reachable" + unchecked;
        }
        if (checked == 0) {
            return notCheckable == 0
                    ? "NOTHING CHECKED: the pipelines use no connectors"
                    : "NOTHING CHECKED: " + notCheckable + " not checkable";
        }
        return "OK: " + checked + " checked" + unchecked;
    }
}
