package dev.orchestrator.agent.api;

import dev.orchestrator.agent.connector.ConnectorRegistry;
import dev.orchestrator.agent.store.HistorySearch;
import dev.orchestrator.agent.store.TaskCacheStore;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The routes that read what the agent has recorded and knows — log search, statistics, the connectors — and
 * the cache's, gathered so that the composition root wires them in one line.
 */
public final class HistoryRoutes {

    private HistoryRoutes() {}

    public static List<Route> of(
            HistorySearch search,
            TaskCacheStore cache,
            Supplier<ConnectorRegistry> connectors,
            Clock clock,
            ZoneId zone) {
        List<Route> routes = new ArrayList<>();
        routes.addAll(new LogResources(search, zone).routes());
        routes.addAll(new StatsResource(search, clock, zone).routes());
        routes.addAll(new CacheResource(cache).routes());
        routes.addAll(new ConnectorResource(connectors).routes());
        return routes;
    }
}
