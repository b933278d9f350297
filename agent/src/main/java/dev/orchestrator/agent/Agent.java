package dev.orchestrator.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.orchestrator.agent.api.ApiServer;
import dev.orchestrator.agent.api.HealthResource;
import dev.orchestrator.agent.api.Route;
import dev.orchestrator.agent.api.RunResources;
import dev.orchestrator.agent.connector.ConnectorRegistry;
import dev.orchestrator.agent.connector.builtin.BuiltinConnectors;
import dev.orchestrator.agent.execute.EngineSettings;
import dev.orchestrator.agent.execute.RunExecutor;
import dev.orchestrator.agent.execute.RunObserver;
import dev.orchestrator.agent.pipeline.PipelineRegistry;
import dev.orchestrator.agent.store.RunStore;
import dev.orchestrator.agent.store.jdbi.Database;
import dev.orchestrator.agent.store.jdbi.JdbiRunStore;
import dev.orchestrator.config.PipelineConfigReader;
import dev.orchestrator.validation.Validator;
import dev.orchestrator.yaml.PipelineLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A running agent: the composition root that builds every part with {@code new}, starts them in order, and
 * stops them in reverse. No part looks another up; each gets what it needs through its constructor.
 */
public final class Agent implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Agent.class);

    private final AgentConfig config;
    private final Database database;
    private final RunExecutor executor;
    private final ApiServer api;
    private final ScheduledExecutorService housekeeping;

    private Agent(AgentConfig config, Database database, RunExecutor executor, ApiServer api,
                  ScheduledExecutorService housekeeping) {
        this.config = config;
        this.database = database;
        this.executor = executor;
        this.api = api;
        this.housekeeping = housekeeping;
    }

    public static Agent start(AgentConfig config, String version, Clock clock) throws IOException {
        Instant startedAt = clock.instant();
        AgentHome home = AgentHome.open(config.home());
        ObjectMapper json = JsonMapper.create();
        ConnectorRegistry connectors = ConnectorRegistry.of(BuiltinConnectors.classes(), Set.of(), json);
        PipelineRegistry pipelines = new PipelineRegistry(config.configDirectory(), new PipelineConfigReader(
                PipelineLoader.forConfigDirectory(config.configDirectory()),
                new Validator(Optional.of(connectors), clock)));
        // read before the database opens: measured, doing both at once on two cores made starting slower
        pipelines.reload();
        Database database = config.databaseUrl().map(url -> Database.open(url, null, null))
                .orElseGet(() -> Database.embedded(home.database()));
        try {
            RunStore store = new JdbiRunStore(database, json);
            int crashed = store.markUnfinishedCrashed(config.agentId(), "the agent stopped while this was running "
                    + "(process killed or machine down); found when it started again at " + startedAt, startedAt);
            if (crashed > 0) {
                LOG.warn("marked {} runs left unfinished by the previous agent process as crashed", crashed);
            }
            EngineSettings settings = new EngineSettings(config.gracePeriod(), config.configDirectory().toAbsolutePath(),
                    home.outputs(), home.scratch(), config.agentId(), config.zone());
            RunExecutor executor = new RunExecutor(store, connectors, settings, clock, RunObserver.NONE, json);
            List<Route> routes = new ArrayList<>(new HealthResource(version, startedAt, clock).routes());
            routes.addAll(new RunResources(pipelines, executor, store, config.zone()).routes());
            ObjectMapper apiJson = JsonMapper.create().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
            ApiServer api = ApiServer.start(config.bindAddress(), config.port(), home.token(), routes, apiJson,
                    pipelines::secrets);
            ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(work -> {
                Thread thread = new Thread(work, "housekeeping");
                thread.setDaemon(true);
                return thread;
            });
            housekeeping.scheduleAtFixedRate(new RetentionJob(store, home.outputs(),
                    Duration.ofDays(config.retentionDays()), clock), 1, 24 * 60, TimeUnit.MINUTES);
            long sinceJvmStart = System.currentTimeMillis()
                    - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
            LOG.info("agent {} ready in {} ms ({} ms since the JVM started): API on http://{}:{}, home {}",
                    config.agentId(), Duration.between(startedAt, clock.instant()).toMillis(), sinceJvmStart,
                    config.bindAddress(), api.port(), home.root());
            return new Agent(config, database, executor, api, housekeeping);
        } catch (RuntimeException | IOException e) {
            database.close();
            throw e;
        }
    }

    public int port() {
        return api.port();
    }

    public RunExecutor executor() {
        return executor;
    }

    /** Stops cleanly: the API first (no new work), then running runs get the grace period, then the store. */
    @Override
    public void close() {
        LOG.info("agent stopping: no new runs; {} running get {} s to finish", executor.activeRunCount(),
                config.gracePeriod().toSeconds());
        api.close();
        housekeeping.shutdown();
        executor.shutdown(config.gracePeriod());
        database.close();
        LOG.info("agent stopped");
    }
}
