package dev.orchestrator.agent.pipeline;

import dev.orchestrator.agent.store.PipelineRevision;
import dev.orchestrator.agent.store.PipelineRevisionStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each new version of a pipeline the registry loads in the {@link PipelineRevisionStore}, saying who loaded
 * it: the files ({@code file} at start, {@code reload} after), or whoever saved that text through the API, which
 * says so ({@link #expect}) before writing the file, as the file watcher may load it first. Thread-safe.
 */
public final class RevisionKeeper implements RevisionListener {

    private static final Logger LOG = LoggerFactory.getLogger(RevisionKeeper.class);
    private static final String FILES = "file";
    /** The most new revisions a load logs one by one. */
    private static final int MOST_NAMED = 10;

    private final PipelineRevisionStore store;
    private final Clock clock;
    // by revision: the saves through the API on their way to the files
    private final Map<String, Attribution> expected = new ConcurrentHashMap<>();

    private record Attribution(String source, String author) {}

    public RevisionKeeper(PipelineRevisionStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The next load of {@code text} comes from {@code author} through {@code source}, until {@link #forget}. */
    public void expect(String text, String source, String author) {
        expected.put(RevisionTexts.revisionOf(text), new Attribution(source, author));
    }

    public void forget(String text) {
        expected.remove(RevisionTexts.revisionOf(text));
    }

    @Override
    public void loaded(List<LoadedRevision> revisions, boolean atStart) {
        Instant now = clock.instant();
        Attribution files = new Attribution(atStart ? PipelineRevision.FILE : PipelineRevision.RELOAD, FILES);
        List<PipelineRevisionStore.Loaded> loaded = revisions.stream()
                .map(revision -> {
                    Attribution by = expected.getOrDefault(revision.revision(), files);
                    return new PipelineRevisionStore.Loaded(
                            new PipelineRevision(
                                    revision.pipelineId(),
                                    revision.revision(),
                                    now,
                                    by.source(),
                                    by.author(),
                                    revision.file()),
                            revision.text());
                })
                .toList();
        try {
            List<PipelineRevision> kept = store.keep(loaded);
            if (kept.size() > MOST_NAMED) {
                // the first start on a database without revisions keeps one of every pipeline
                LOG.info("kept a new revision of {} pipelines", kept.size());
                return;
            }
            for (PipelineRevision revision : kept) {
                LOG.info(
                        "pipeline {} is now revision {} ({} by {})",
                        revision.pipelineId(),
                        revision.revision(),
                        revision.source(),
                        revision.author());
            }
        } catch (RuntimeException e) {
            // the load itself stands: the pipelines run; the next load keeps what this one could not
            LOG.error(
                    "could not keep the revisions of the pipelines just loaded ({}); the next load of the config "
                            + "directory keeps them",
                    e.toString());
        }
    }
}
