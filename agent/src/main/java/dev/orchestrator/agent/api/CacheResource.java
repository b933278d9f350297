package dev.orchestrator.agent.api;

import dev.orchestrator.agent.store.TaskCacheStore;
import dev.orchestrator.api.Role;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code DELETE /api/v1/cache?pipeline=&task=}: forgets entries of the task output cache (issue 19's
 * {@code cache:}): all of them, a pipeline's, or one task's. Answers how many were forgotten.
 */
public final class CacheResource {

    private final TaskCacheStore cache;

    public CacheResource(TaskCacheStore cache) {
        this.cache = cache;
    }

    public List<Route> routes() {
        return List.of(Route.delete("/api/v1/cache", this::clear).requires(Role.OPERATOR));
    }

    private Object clear(ApiRequest request) {
        Optional<String> pipeline = request.queryParameter("pipeline").filter(text -> !text.isBlank());
        Optional<String> task = request.queryParameter("task").filter(text -> !text.isBlank());
        if (task.isPresent() && pipeline.isEmpty()) {
            throw ApiException.badRequest("'task' needs 'pipeline': task ids are per pipeline");
        }
        int cleared = cache.clearCache(pipeline, task);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("pipeline", pipeline.orElse(null));
        body.put("task", task.orElse(null));
        body.put("cleared", cleared);
        return body;
    }
}
