package dev.orchestrator.agent.store;

import java.time.Instant;
import java.util.Optional;

/**
 * The cache of task outputs (a task's {@code cache: { key, ttl_seconds }}), in the database so that every agent of
 * a cluster shares it; and what a run records of it and of a rollback on its tasks. Thread-safe; every method
 * commits before it returns.
 */
public interface TaskCacheStore {

    /** An output stored in the cache: its JSON, the run that produced it, and when. */
    record CachedOutput(String outputJson, String runId, Instant storedAt) {}

    /**
     * The output stored under this pipeline, task and key, if it was stored at {@code notBefore} or later.
     *
     * @param key a hash of the task's definition, its rendered arguments and its rendered cache key
     */
    Optional<CachedOutput> findCached(String pipelineId, String taskId, String key, Instant notBefore);

    /** Stores (or replaces) the output under this pipeline, task and key. */
    void storeCached(String pipelineId, String taskId, String key, CachedOutput output);

    /**
     * Forgets cache entries: all of them, a pipeline's, or one task's.
     *
     * @return how many were forgotten
     */
    int clearCache(Optional<String> pipelineId, Optional<String> taskId);

    /** The task of this run ended with an output taken from the cache. */
    void markTaskCached(String runId, String taskId);

    /** The task's rollback ran: "ok", or "failed: " and why (masked). */
    void recordRollback(String runId, String taskId, String outcome);
}
