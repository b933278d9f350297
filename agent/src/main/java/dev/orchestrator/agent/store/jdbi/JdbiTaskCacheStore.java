package dev.orchestrator.agent.store.jdbi;

import dev.orchestrator.agent.store.TaskCacheStore;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Update;

/** {@link TaskCacheStore} on Jdbi, for {@link JdbiRunStore}: plain SQL that H2 and PostgreSQL both run. Thread-safe. */
final class JdbiTaskCacheStore implements TaskCacheStore {

    private final Jdbi jdbi;

    JdbiTaskCacheStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Optional<CachedOutput> findCached(String pipelineId, String taskId, String key, Instant notBefore) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT output_json, run_id, stored_at FROM task_cache
                        WHERE pipeline_id = :pipelineId AND task_id = :taskId AND cache_key = :key
                        AND stored_at >= :notBefore""")
                .bind("pipelineId", pipelineId)
                .bind("taskId", taskId)
                .bind("key", key)
                .bind("notBefore", notBefore)
                .map(row -> new CachedOutput(
                        RowMappers.text(row, "output_json"),
                        RowMappers.text(row, "run_id"),
                        RowMappers.required(row, "stored_at")))
                .findOne());
    }

    @Override
    public void storeCached(String pipelineId, String taskId, String key, CachedOutput output) {
        try {
            jdbi.useTransaction(handle -> {
                handle.createUpdate("DELETE FROM task_cache WHERE pipeline_id = :pipelineId AND task_id = :taskId "
                                + "AND cache_key = :key")
                        .bind("pipelineId", pipelineId)
                        .bind("taskId", taskId)
                        .bind("key", key)
                        .execute();
                handle.createUpdate("""
                                INSERT INTO task_cache (pipeline_id, task_id, cache_key, output_json, run_id, stored_at)
                                VALUES (:pipelineId, :taskId, :key, :json, :runId, :at)""")
                        .bind("pipelineId", pipelineId)
                        .bind("taskId", taskId)
                        .bind("key", key)
                        .bind("json", output.outputJson())
                        .bind("runId", output.runId())
                        .bind("at", output.storedAt())
                        .execute();
            });
        } catch (org.jdbi.v3.core.statement.UnableToExecuteStatementException e) {
            // another agent stored the same key at the same moment: its entry is as good as this one
            if (findCached(pipelineId, taskId, key, Instant.EPOCH).isEmpty()) {
                throw e;
            }
        }
    }

    @Override
    public int clearCache(Optional<String> pipelineId, Optional<String> taskId) {
        StringBuilder sql = new StringBuilder("DELETE FROM task_cache WHERE 1 = 1");
        pipelineId.ifPresent(id -> sql.append(" AND pipeline_id = :pipelineId"));
        taskId.ifPresent(id -> sql.append(" AND task_id = :taskId"));
        return jdbi.withHandle(handle -> {
            Update update = handle.createUpdate(sql.toString());
            pipelineId.ifPresent(id -> update.bind("pipelineId", id));
            taskId.ifPresent(id -> update.bind("taskId", id));
            return update.execute();
        });
    }

    @Override
    public void markTaskCached(String runId, String taskId) {
        jdbi.useHandle(handle -> handle.createUpdate(
                        "UPDATE task_runs SET cached = TRUE WHERE run_id = :runId AND task_id = :taskId")
                .bind("runId", runId)
                .bind("taskId", taskId)
                .execute());
    }

    @Override
    public void recordRollback(String runId, String taskId, String outcome) {
        jdbi.useHandle(handle -> handle.createUpdate(
                        "UPDATE task_runs SET rollback_outcome = :outcome WHERE run_id = :runId AND task_id = :taskId")
                .bind("outcome", JdbiRunStore.fit(outcome, JdbiRunStore.SHORT_TEXT))
                .bind("runId", runId)
                .bind("taskId", taskId)
                .execute());
    }
}
