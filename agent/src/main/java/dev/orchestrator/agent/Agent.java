package dev.orchestrator.agent;

import dev.orchestrator.agent.api.Route;
import dev.orchestrator.agent.execute.RunExecutor;
import dev.orchestrator.agent.execute.RunObserver;
import dev.orchestrator.agent.pipeline.PipelineRegistry;
import dev.orchestrator.agent.schedule.ScheduleService;
import dev.orchestrator.agent.store.EventWaitStore;
import dev.orchestrator.agent.store.RunStore;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running agent: started through {@link AgentAssembly}, which builds every part; it stops them in reverse
 * order (nothing new comes in, running runs get the grace period, then the rest), and shows the parts the
 * command line and the tests use.
 */
public final class Agent implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Agent.class);

    private final AgentConfig config;
    private final List<AutoCloseable> stopFirst;
    private final RunExecutor executor;
    private final List<AutoCloseable> stopLast;
    private final int port;
    private final RunStore store;
    private final EventWaitStore waits;
    private final ScheduleService schedules;
    private final PipelineRegistry pipelines;
    private final List<Route> routes;

    Agent(
            AgentConfig config,
            List<AutoCloseable> stopFirst,
            RunExecutor executor,
            List<AutoCloseable> stopLast,
            int port,
            RunStore store,
            EventWaitStore waits,
            ScheduleService schedules,
            PipelineRegistry pipelines,
            List<Route> routes) {
        this.config = config;
        this.stopFirst = stopFirst;
        this.executor = executor;
        this.stopLast = stopLast;
        this.port = port;
        this.store = store;
        this.waits = waits;
        this.schedules = schedules;
        this.pipelines = pipelines;
        this.routes = List.copyOf(routes);
    }

    /**
     * Takes the home (see {@link HomeLock}) and starts.
     *
     * @throws HomeLock.HomeInUseException when another agent uses the home
     */
    public static Agent start(AgentConfig config, String version, Clock clock) throws IOException {
        return start(config, version, clock, RunObserver.NONE);
    }

    /** @param console hears about runs as the others do: {@code orchestrator run} prints their starts and ends */
    public static Agent start(AgentConfig config, String version, Clock clock, RunObserver console) throws IOException {
        return start(config, version, clock, HomeLock.acquire(AgentHome.open(config.home()), config.port()), console);
    }

    /**
     * Starts on a home already taken for this agent, which it then holds until it stops (or releases if it
     * cannot start).
     */
    public static Agent start(AgentConfig config, String version, Clock clock, HomeLock homeLock, RunObserver console)
            throws IOException {
        try {
            return AgentAssembly.startHolding(config, version, clock, homeLock, console);
        } catch (RuntimeException | IOException e) {
            homeLock.close();
            throw e;
        }
    }

    public int port() {
        return port;
    }

    public RunExecutor executor() {
        return executor;
    }

    public RunStore runStore() {
        return store;
    }

    /** The stored waits for events and approvals: a task shows as waiting a moment before its wait is stored. */
    public EventWaitStore waits() {
        return waits;
    }

    public ScheduleService schedules() {
        return schedules;
    }

    public PipelineRegistry pipelines() {
        return pipelines;
    }

    /** Every endpoint the API serves. */
    public List<Route> routes() {
        return routes;
    }

    /** Stops cleanly: nothing new comes in, running runs get the grace period, then the store closes. */
    @Override
    public void close() {
        LOG.info(
                "agent stopping: no new runs; {} running get {} s to finish",
                executor.activeRunCount(),
                config.gracePeriod().toSeconds());
        stopFirst.forEach(Agent::closeQuietly);
        executor.shutdown(config.gracePeriod());
        stopLast.forEach(Agent::closeQuietly);
        LOG.info("agent stopped");
    }

    static void closeQuietly(AutoCloseable part) {
        try {
            part.close();
        } catch (Exception e) {
            LOG.warn("stopping {} failed: {}", part.getClass().getSimpleName(), e.toString());
        }
    }
}
