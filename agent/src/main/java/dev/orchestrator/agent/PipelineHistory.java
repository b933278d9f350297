package dev.orchestrator.agent;

import dev.orchestrator.agent.api.GridResource;
import dev.orchestrator.agent.api.RevisionResources;
import dev.orchestrator.agent.api.Route;
import dev.orchestrator.agent.api.RunDiffResource;
import dev.orchestrator.agent.api.SourceResources;
import dev.orchestrator.agent.pipeline.PipelineRegistry;
import dev.orchestrator.agent.pipeline.RevisionKeeper;
import dev.orchestrator.agent.store.PipelineRevisionStore;
import dev.orchestrator.agent.store.RunGrid;
import dev.orchestrator.agent.store.RunHistory;
import dev.orchestrator.agent.store.jdbi.Database;
import dev.orchestrator.agent.store.jdbi.JdbiPipelineRevisionStore;
import dev.orchestrator.agent.store.jdbi.JdbiRunGrid;
import dev.orchestrator.config.PipelineConfigReader;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The pipelines' texts through time: the revisions every load keeps, and the routes that edit, list, compare and
 * restore them, compare runs, and lay the runs out as a grid. A part of {@link AgentAssembly}, apart so that the composition root stays short.
 */
record PipelineHistory(PipelineRevisionStore revisions, RevisionKeeper keeper, RunGrid grid) {

    /** Keeps the revisions of the load the agent started with, and of every load after it. */
    static PipelineHistory open(Database database, PipelineRegistry pipelines, Clock clock) {
        PipelineRevisionStore revisions = new JdbiPipelineRevisionStore(database);
        RevisionKeeper keeper = new RevisionKeeper(revisions, clock);
        pipelines.onLoad(keeper);
        return new PipelineHistory(revisions, keeper, new JdbiRunGrid(database));
    }

    /** @param reload reads the config directory again and updates the schedules, as the file watcher does */
    List<Route> routes(
            PipelineRegistry pipelines, PipelineConfigReader reader, Runnable reload, RunHistory runs, ZoneId zone) {
        SourceResources sources = new SourceResources(pipelines, reader, reload, keeper);
        List<Route> routes = new ArrayList<>(sources.routes());
        routes.addAll(new RevisionResources(pipelines, revisions, sources, zone).routes());
        routes.addAll(new RunDiffResource(runs, revisions).routes());
        routes.addAll(new GridResource(pipelines, grid, zone).routes());
        return routes;
    }
}
