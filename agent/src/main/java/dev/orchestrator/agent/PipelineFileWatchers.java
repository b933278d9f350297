package dev.orchestrator.agent;

import dev.orchestrator.agent.pipeline.ConfigWatcher;
import dev.orchestrator.agent.plugin.InstalledPlugins;
import dev.orchestrator.yaml.PipelineLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the files the pipelines are read from: the config directory, the {@code .env} file beside it and the
 * plugins directory, since what the pipelines may use depends on them. A changed pipeline file loads the
 * pipelines again; a changed {@code .env} too (a new {@code ${VAR}} resolves); a changed plugin is loaded anew and
 * the pipelines after it (runs going on keep the connectors they started with). A plugins directory made after
 * the start is not watched.
 */
final class PipelineFileWatchers {

    // the agent's own lines, as they were before the watchers were a class of their own
    private static final Logger LOG = LoggerFactory.getLogger(Agent.class);
    private static final Duration QUIET_PERIOD = Duration.ofMillis(300);

    private PipelineFileWatchers() {}

    /**
     * Starts the watchers.
     *
     * @param reloadConfig loads the pipelines again and brings the schedules in line with them
     * @return the watchers started, to be closed in this order
     */
    static List<AutoCloseable> start(AgentConfig config, InstalledPlugins plugins, Runnable reloadConfig)
            throws IOException {
        List<AutoCloseable> watchers = new ArrayList<>();
        watchers.add(ConfigWatcher.start(config.configDirectory(), QUIET_PERIOD, reloadConfig));
        Path dotEnv = PipelineLoader.dotEnvOf(config.configDirectory());
        if (Files.isDirectory(dotEnv.getParent())) {
            watchers.add(ConfigWatcher.start(
                    dotEnv.getParent(), name -> name.equals(dotEnv.getFileName()), QUIET_PERIOD, () -> {
                        LOG.info("{} changed: loading the pipelines again", dotEnv);
                        reloadConfig.run();
                    }));
        }
        Path pluginsDirectory = config.pluginsDirectory().toAbsolutePath().normalize();
        if (Files.isDirectory(pluginsDirectory)) {
            watchers.add(ConfigWatcher.start(
                    pluginsDirectory,
                    name -> name.toString().endsWith(".jar") || name.toString().endsWith(".java"),
                    QUIET_PERIOD,
                    () -> {
                        LOG.info("the plugins in {} changed: loading them and the pipelines again", pluginsDirectory);
                        plugins.reload();
                        reloadConfig.run();
                    }));
        }
        return watchers;
    }
}
