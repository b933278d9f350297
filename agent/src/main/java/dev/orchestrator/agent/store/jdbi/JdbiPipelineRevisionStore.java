package dev.orchestrator.agent.store.jdbi;

import dev.orchestrator.agent.store.Page;
import dev.orchestrator.agent.store.PipelineRevision;
import dev.orchestrator.agent.store.PipelineRevisionStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * {@link PipelineRevisionStore} on Jdbi. Thread-safe: one agent keeps its loads one at a time; two agents of a
 * cluster loading the same new text at once may each keep a row of it (the list then shows it twice).
 */
public final class JdbiPipelineRevisionStore implements PipelineRevisionStore {

    /** Pipelines asked about in one query: a config of thousands keeps its IN lists short. */
    private static final int CHUNK = 500;

    private static final String COLUMNS = "pipeline_id, revision, loaded_at, source, author, file_name";

    private final Jdbi jdbi;

    public JdbiPipelineRevisionStore(Database database) {
        this.jdbi = database.jdbi();
    }

    @Override
    public synchronized List<PipelineRevision> keep(List<Loaded> loaded) {
        if (loaded.isEmpty()) {
            return List.of();
        }
        return jdbi.inTransaction(handle -> {
            List<PipelineRevision> kept = new ArrayList<>();
            for (int start = 0; start < loaded.size(); start += CHUNK) {
                List<Loaded> chunk = loaded.subList(start, Math.min(start + CHUNK, loaded.size()));
                Map<String, String> newest = newest(
                        handle,
                        chunk.stream().map(one -> one.revision().pipelineId()).toList());
                PreparedBatch insert = handle.prepareBatch("INSERT INTO pipeline_revisions (" + COLUMNS
                        + ", content) VALUES (:pipelineId, :revision, :loadedAt, :source, :author, :file, :text)");
                for (Loaded one : chunk) {
                    PipelineRevision revision = one.revision();
                    if (Objects.equals(newest.get(revision.pipelineId()), revision.revision())) {
                        continue;
                    }
                    // one file loaded twice in a list (never, from a registry) is kept once
                    newest.put(revision.pipelineId(), revision.revision());
                    insert.bind("pipelineId", revision.pipelineId())
                            .bind("revision", revision.revision())
                            .bind("loadedAt", revision.loadedAt())
                            .bind("source", revision.source())
                            .bind("author", revision.author())
                            .bind("file", revision.file())
                            .bind("text", one.text())
                            .add();
                    kept.add(revision);
                }
                if (insert.size() > 0) {
                    insert.execute();
                }
            }
            return kept;
        });
    }

    /** Each pipeline's newest revision, for the pipelines that have one. */
    private static Map<String, String> newest(Handle handle, List<String> pipelineIds) {
        Map<String, String> newest = new HashMap<>();
        handle.createQuery("""
                        SELECT r.pipeline_id, r.revision FROM pipeline_revisions r
                        JOIN (SELECT pipeline_id, MAX(id) AS id FROM pipeline_revisions
                              WHERE pipeline_id IN (<ids>) GROUP BY pipeline_id) m ON r.id = m.id""")
                .bindList("ids", pipelineIds)
                .map((row, context) -> Map.entry(row.getString(1), row.getString(2)))
                .forEach(entry -> newest.put(entry.getKey(), entry.getValue()));
        return newest;
    }

    @Override
    public Page<PipelineRevision> list(String pipelineId, int page, int size) {
        return jdbi.withHandle(handle -> {
            long total = handle.createQuery("SELECT COUNT(*) FROM pipeline_revisions WHERE pipeline_id = :id")
                    .bind("id", pipelineId)
                    .mapTo(Long.class)
                    .one();
            List<PipelineRevision> items = handle.createQuery("SELECT " + COLUMNS
                            + " FROM pipeline_revisions WHERE pipeline_id = :id ORDER BY id DESC"
                            + " LIMIT :limit OFFSET :offset")
                    .bind("id", pipelineId)
                    .bind("limit", size)
                    .bind("offset", (long) (page - 1) * size)
                    .map((row, context) -> revision(row))
                    .list();
            return new Page<>(items, page, size, total);
        });
    }

    @Override
    public Optional<Loaded> find(String pipelineId, String revision) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + ", content FROM pipeline_revisions"
                        + " WHERE pipeline_id = :id AND revision = :revision ORDER BY id DESC LIMIT 1")
                .bind("id", pipelineId)
                .bind("revision", revision)
                .map((row, context) -> new Loaded(revision(row), row.getString("content")))
                .findOne());
    }

    @Override
    public Optional<PipelineRevision> newest(String pipelineId) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS
                        + " FROM pipeline_revisions WHERE pipeline_id = :id ORDER BY id DESC LIMIT 1")
                .bind("id", pipelineId)
                .map((row, context) -> revision(row))
                .findOne());
    }

    private static PipelineRevision revision(ResultSet row) throws SQLException {
        return new PipelineRevision(
                row.getString("pipeline_id"),
                row.getString("revision"),
                Times.readRequired(row, "loaded_at"),
                row.getString("source"),
                row.getString("author"),
                row.getString("file_name"));
    }
}
