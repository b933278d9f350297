package dev.orchestrator.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.orchestrator.agent.api.AgentResource;
import dev.orchestrator.agent.api.ApiServer;
import dev.orchestrator.agent.api.ApprovalResources;
import dev.orchestrator.agent.api.EventResources;
import dev.orchestrator.agent.api.EventStreamResource;
import dev.orchestrator.agent.api.FireResources;
import dev.orchestrator.agent.api.HealthResource;
import dev.orchestrator.agent.api.HistoryRoutes;
import dev.orchestrator.agent.api.MapItemResources;
import dev.orchestrator.agent.api.MetricsResource;
import dev.orchestrator.agent.api.OpenApiResource;
import dev.orchestrator.agent.api.OutputResources;
import dev.orchestrator.agent.api.PipelineResources;
import dev.orchestrator.agent.api.PoolResources;
import dev.orchestrator.agent.api.Route;
import dev.orchestrator.agent.api.RunResources;
import dev.orchestrator.agent.cluster.ClusterInbox;
import dev.orchestrator.agent.cluster.ClusterMonitor;
import dev.orchestrator.agent.cluster.LeastBusyPlacement;
import dev.orchestrator.agent.event.EventBus;
import dev.orchestrator.agent.event.EventRouter;
import dev.orchestrator.agent.execute.DeferredRunObserver;
import dev.orchestrator.agent.execute.EngineSettings;
import dev.orchestrator.agent.execute.PoolAdmission;
import dev.orchestrator.agent.execute.ResourceAdmission;
import dev.orchestrator.agent.execute.RunExecutor;
import dev.orchestrator.agent.execute.RunObserver;
import dev.orchestrator.agent.execute.RunPlacement;
import dev.orchestrator.agent.hook.HookRunner;
import dev.orchestrator.agent.metrics.AgentMetrics;
import dev.orchestrator.agent.notify.AlertDispatcher;
import dev.orchestrator.agent.pipeline.PipelineRegistry;
import dev.orchestrator.agent.plugin.InstalledPlugins;
import dev.orchestrator.agent.plugin.PluginLoader;
import dev.orchestrator.agent.schedule.ScheduleService;
import dev.orchestrator.agent.schedule.TriggerScheduler;
import dev.orchestrator.agent.store.CancelRequestStore;
import dev.orchestrator.agent.store.EventWaitStore;
import dev.orchestrator.agent.store.HeartbeatStore;
import dev.orchestrator.agent.store.HistorySearch;
import dev.orchestrator.agent.store.PipelineStateStore;
import dev.orchestrator.agent.store.PoolLeases;
import dev.orchestrator.agent.store.RunStore;
import dev.orchestrator.agent.store.jdbi.Database;
import dev.orchestrator.agent.store.jdbi.JdbiAuditLog;
import dev.orchestrator.agent.store.jdbi.JdbiCancelRequestStore;
import dev.orchestrator.agent.store.jdbi.JdbiDeadlineStore;
import dev.orchestrator.agent.store.jdbi.JdbiEventWaitStore;
import dev.orchestrator.agent.store.jdbi.JdbiHeartbeatStore;
import dev.orchestrator.agent.store.jdbi.JdbiHistorySearch;
import dev.orchestrator.agent.store.jdbi.JdbiPipelineStateStore;
import dev.orchestrator.agent.store.jdbi.JdbiPoolLeases;
import dev.orchestrator.agent.store.jdbi.JdbiRunStore;
import dev.orchestrator.config.PipelineConfigReader;
import dev.orchestrator.validation.Validator;
import dev.orchestrator.yaml.PipelineLoader;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every part of an agent with {@code new}, in order, and hands the running parts to
 * {@link Agent} in the order they stop. No part looks another up; each gets what it needs through its
 * constructor. Should a part fail to start, those already started are stopped again, newest first.
 */
final class AgentAssembly {

    // the agent's own lines, as they were before the assembly was a class of its own
    private static final Logger LOG = LoggerFactory.getLogger(Agent.class);

    private AgentAssembly() {}

    /** Starts every part on a home already taken; the caller releases the home if this throws. */
    static Agent startHolding(AgentConfig config, String version, Clock clock, HomeLock homeLock, RunObserver console)
            throws IOException {
        Instant startedAt = clock.instant();
        AgentHome home = StartingHome.open(config.home());
        PortInUseException.requireFree(config.bindAddress(), config.port());
        ObjectMapper json = JsonMapper.create();
        InstalledPlugins plugins =
                new InstalledPlugins(new PluginLoader(home.pluginCache(), version), config.pluginsDirectory(), json);
        PipelineConfigReader reader = new PipelineConfigReader(
                PipelineLoader.forConfigDirectory(config.configDirectory()),
                new Validator(Optional.of(plugins), clock, Optional.of(config.resources())));
        PipelineRegistry pipelines = new PipelineRegistry(config.configDirectory(), reader);
        // read before the database opens: measured, doing both at once on two cores made starting slower
        pipelines.reload();
        Database database = HomeDatabase.open(config, home, json);
        List<AutoCloseable> started = new ArrayList<>();
        started.add(database);
        try {
            home.tighten(); // H2 created its files with the umask's mode
            HeartbeatStore heartbeats = new JdbiHeartbeatStore(database);
            String host = hostName();
            HeartbeatStore.AgentPresence presence = new HeartbeatStore.AgentPresence(
                    config.agentId(), host, ProcessHandle.current().pid(), Optional.empty(), version, startedAt);
            // before anything is marked crashed under this id: it must not be another live agent's
            ClusterMonitor.checkIdUnused(heartbeats, presence, config.heartbeats());
            RunStore store = new JdbiRunStore(database, json);
            PipelineHistory history = PipelineHistory.open(database, pipelines, clock);
            PreviousProcess.clearUp(store, config.agentId(), config.gracePeriod(), startedAt);
            PipelineStateStore pipelineState = new JdbiPipelineStateStore(database);
            PoolLeases poolLeases = new JdbiPoolLeases(database);
            PoolAdmission pools = new PoolAdmission(
                    poolLeases,
                    pipelines::pools,
                    config.agentId(),
                    config.heartbeats().deadAfter(),
                    Duration.ofMillis(500));
            started.add(pools);
            pools.recover(); // what the previous process held, before any run starts
            ResourceAdmission resources = new ResourceAdmission(config.resources(), poolLeases::noteWaiting);
            started.add(resources);
            EngineSettings settings = new EngineSettings(
                    config.gracePeriod(),
                    config.configDirectory().toAbsolutePath(),
                    home.outputs(),
                    home.scratch(),
                    config.agentId(),
                    config.zone(),
                    config.logBudget(),
                    pipelines::revisionOf,
                    pools,
                    pipelines::find,
                    resources);
            DeferredRunObserver observer = new DeferredRunObserver();
            EventWaitStore waits = new JdbiEventWaitStore(database);
            // agents sharing a database spread their scheduled runs; an agent alone runs everything itself
            RunPlacement placement = database.isH2()
                    ? RunPlacement.HERE
                    : new LeastBusyPlacement(
                            config.agentId(),
                            heartbeats,
                            store,
                            config.heartbeats().interval().multipliedBy(2).plusSeconds(1),
                            config.heartbeats().interval(),
                            () -> freeOf(resources));
            RunExecutor executor =
                    new RunExecutor(store, waits, plugins::connectors, settings, clock, observer, json, placement);
            Alerting alerting = Alerting.start(database, json, pipelines, pipelineState, config, clock);
            AlertDispatcher alerts = alerting.dispatcher();
            HookRunner hooks = new HookRunner(pipelines, executor, store, plugins::hooks, clock);
            EventBus events = new EventBus(10_000, clock, config.zone());
            AgentMetrics metrics = new AgentMetrics(
                    clock, () -> executor.activeRunCount() - executor.queuedRunCount(), executor::queuedRunCount);
            observer.bind(
                    RunObserver.all(List.of(events, metrics, hooks, alerting.policy(), alerting.deadlines(), console)));
            List<String> resumed = executor.resumeWaitingRuns(pipelines::find, pipelines.secrets());
            if (!resumed.isEmpty()) {
                LOG.info("resumed {} runs that were waiting when the previous agent process stopped", resumed.size());
            }
            ScheduleService schedules = new ScheduleService(
                    pipelines,
                    executor,
                    pipelineState,
                    config.agentId(),
                    clock,
                    config.zone(),
                    config.misfireThreshold(),
                    handler -> TriggerScheduler.create(
                            database.dataSource(),
                            database.isPostgres(),
                            config.agentId(),
                            database.isPostgres(),
                            config.misfireThreshold(),
                            metrics.timing(handler)));
            started.addAll(List.of(alerts, alerting.deadlines(), hooks, schedules));
            // Quartz takes half a second to come up: the API answers meanwhile, and a fire due in that moment
            // is not lost (it fires late, within the misfire threshold)
            Thread schedulerStart = new Thread(
                    () -> {
                        try {
                            schedules.start();
                        } catch (RuntimeException e) {
                            LOG.error(
                                    "the scheduler did not start; scheduled pipelines will not run: {}", e.toString());
                        }
                    },
                    "scheduler-start");
            schedulerStart.start();
            Runnable reloadConfig = () -> {
                pipelines.reload();
                schedules.sync();
            };
            List<AutoCloseable> watchers = PipelineFileWatchers.start(config, plugins, reloadConfig);
            HistorySearch search = new JdbiHistorySearch(database, json);
            List<Route> routes =
                    new ArrayList<>(new HealthResource(version, startedAt, clock, database.health()::problem).routes());
            CancelRequestStore cancels = new JdbiCancelRequestStore(database);
            routes.addAll(new RunResources(
                            pipelines, executor, store, search, cancels, config.agentId(), clock, config.zone(), json)
                    .routes());
            routes.addAll(new MapItemResources(store, config.zone()).routes());
            routes.addAll(new OutputResources(store, store.mapItems(), json.getFactory()).routes());
            routes.addAll(new PipelineResources(pipelines, schedules).routes());
            routes.addAll(new FireResources(pipelineState, config.zone()).routes());
            routes.addAll(alerting.routes());
            routes.addAll(new EventResources(
                            new EventRouter(
                                    waits,
                                    executor,
                                    pipelines,
                                    schedules::isPaused,
                                    config.eventRetention(),
                                    clock,
                                    json),
                            config.zone())
                    .routes());
            routes.addAll(new ApprovalResources(waits, store, executor, clock, json, config.zone()).routes());
            routes.addAll(new PoolResources(poolLeases, pipelines::pools, config.zone()).routes());
            routes.addAll(history.routes(pipelines, reader, reloadConfig, store, config.zone()));
            routes.addAll(HistoryRoutes.of(search, store, plugins::connectors, clock, config.zone()));
            ClusterMonitor cluster = new ClusterMonitor(
                    heartbeats,
                    store,
                    schedules::takeOverFires,
                    deadAgent -> executor.adoptWaitingRuns(deadAgent, pipelines::find, pipelines.secrets())
                            .size(),
                    // a stopping agent says so (-1), and the others stop handing it runs
                    () -> executor.isAccepting() ? executor.activeRunCount() : -1,
                    () -> freeOf(resources),
                    presence,
                    config.heartbeats(),
                    clock);
            routes.addAll(new AgentResource(
                            new AgentResource.Identity(
                                    config.agentId(),
                                    version,
                                    startedAt,
                                    host,
                                    database.isH2() ? "h2" : "postgresql",
                                    database.historyId(),
                                    config.configDirectory().toAbsolutePath().toString()),
                            cluster::liveMembers,
                            resources,
                            clock,
                            config.zone())
                    .routes());
            routes.addAll(new EventStreamResource(events, json, Duration.ofSeconds(15)).routes());
            routes.addAll(new MetricsResource(metrics).routes());
            OpenApiResource openApi = new OpenApiResource();
            routes.addAll(openApi.routes());
            ApiAccess access = ApiAccess.open(database, home, config, clock, openApi.operationIds());
            routes.addAll(access.routes());
            ObjectMapper apiJson = JsonMapper.create().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
            ApiServer api;
            try {
                api = ApiServer.start(
                        config.bindAddress(),
                        config.port(),
                        config.tls(),
                        ApiServer.Limits.DEFAULT,
                        access.tokens(),
                        access.audit(),
                        routes,
                        apiJson,
                        pipelines::secrets,
                        database.health()::explain);
            } catch (IOException e) {
                if (PortInUseException.isBindFailure(e)) {
                    throw PortInUseException.of(config.port());
                }
                throw e;
            }
            started.add(api);
            homeLock.announcePort(api.port());
            // the heartbeats carry the API's address, known once it listens
            cluster.start(api.url());
            started.add(cluster);
            // runs other agents of the cluster handed to this one, and cancels they were asked for of its runs
            ClusterInbox inbox = new ClusterInbox(
                            cancels,
                            config.agentId(),
                            executor::cancel,
                            () -> executor.startHandedOver(pipelines::find, pipelines.secrets()))
                    .start(Duration.ofMillis(250));
            started.add(inbox);
            AgentEndpoint endpoint = AgentEndpoint.publish(home, json, api.url(), startedAt);
            // what else is history: kept as long as the runs, then deleted with them
            List<ToIntFunction<Instant>> alsoPurged = List.of(
                    pipelineState::purgeFiresBefore,
                    new JdbiDeadlineStore(database)::purgeMissesBefore,
                    new JdbiAuditLog(database)::purgeBefore);
            ScheduledExecutorService housekeeping = Housekeeping.start(
                    store, alsoPurged, home.outputs(), Duration.ofDays(config.retentionDays()), executor, clock);
            long sinceJvmStart = System.currentTimeMillis()
                    - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
            LOG.info(
                    "agent {} ready in {} ms ({} ms since the JVM started): API on http://{}:{}, home {}",
                    config.agentId(),
                    Duration.between(startedAt, clock.instant()).toMillis(),
                    sinceJvmStart,
                    config.bindAddress(),
                    api.port(),
                    home.root());
            // stopping: first nothing new comes in (files, API, scheduler), then runs end, then the rest
            // the event streams end first: their requests would hold the API server's stop
            List<AutoCloseable> stopFirst = new ArrayList<>(List.of(endpoint, events));
            stopFirst.addAll(watchers);
            stopFirst.addAll(List.of(api, schedules, alerting.deadlines(), housekeeping::shutdown));
            // the heartbeats go on while runs finish: an agent killed in its grace period is still found dead
            // the inbox too: cancels asked through other agents reach runs finishing in the grace period
            // H2 may write its file anew when it closes
            List<AutoCloseable> stopLast =
                    List.of(hooks, alerts, inbox, cluster, pools, resources, database, home::tighten, homeLock);
            return new Agent(
                    config, stopFirst, executor, stopLast, api.port(), store, waits, schedules, pipelines, routes);
        } catch (RuntimeException | IOException e) {
            for (int i = started.size() - 1; i >= 0; i--) {
                Agent.closeQuietly(started.get(i));
            }
            throw e;
        }
    }

    /** What is free of the agent's resources, as its heartbeat tells the others. */
    private static Optional<HeartbeatStore.Capacity> freeOf(ResourceAdmission resources) {
        var free = resources.free();
        return Optional.of(new HeartbeatStore.Capacity(free.memoryMb(), free.cpu()));
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }
}
