package dev.orchestrator.agent.pipeline;

import dev.orchestrator.config.PipelineConfig;
import dev.orchestrator.config.PipelineConfigReader;
import dev.orchestrator.diagnostic.Diagnostic;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.secret.SecretMasker;
import dev.orchestrator.yaml.LoadedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipelines the agent runs: those of the config directory's files that validate. Reading a new config
 * replaces the old one in one step, so callers always see one consistent version. Thread-safe.
 */
public final class PipelineRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineRegistry.class);

    private final Path configDirectory;
    private final PipelineConfigReader reader;
    private volatile PipelineConfig config;
    // per file, the pipelines of its last version that validated: a file broken by an edit keeps running these
    private volatile Map<String, List<Pipeline>> lastGood = Map.of();
    private volatile List<Pipeline> runnable = List.of();
    // the shared pools' sizes: the valid files' first, then those only a broken file declares (its last valid
    // version may still run tasks that take them)
    private volatile Map<String, Integer> pools = Map.of();
    // the revision of each pipeline object of this load and the one before (a run created during a reload may
    // have been handed the previous object); by identity, as records compare whole pipelines
    private volatile IdentityHashMap<Pipeline, String> revisions = new IdentityHashMap<>();
    private volatile IdentityHashMap<Pipeline, String> previousRevisions = new IdentityHashMap<>();
    private volatile List<LoadedRevision> loadedRevisions = List.of();
    private volatile RevisionListener listener = (loaded, atStart) -> {};

    public PipelineRegistry(Path configDirectory, PipelineConfigReader reader) {
        this.configDirectory = configDirectory;
        this.reader = reader;
    }

    /** Reads the config directory again and logs what is wrong in it. */
    public synchronized PipelineConfig reload() {
        PipelineConfig loaded;
        try {
            loaded = reader.read(configDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the config directory " + configDirectory, e);
        }
        for (Diagnostic diagnostic : loaded.diagnostics()) {
            if (diagnostic.isError()) {
                LOG.error("{}", diagnostic.toLine());
            } else {
                LOG.warn("{}", diagnostic.toLine());
            }
        }
        Map<String, List<Pipeline>> good = new LinkedHashMap<>();
        for (LoadedFile file : loaded.files()) {
            if (!file.hasErrors()) {
                good.put(file.file(), file.pipelines());
            } else if (lastGood.containsKey(file.file())) {
                good.put(file.file(), lastGood.get(file.file()));
                LOG.warn("{} has errors; its last valid version keeps running", file.file());
            }
        }
        boolean atStart = config == null;
        keepRevisions(loaded, good);
        Map<String, Integer> sizes = new java.util.LinkedHashMap<>(loaded.pools());
        loaded.files().stream()
                .flatMap(file -> file.pools().stream())
                .forEach(pool -> sizes.putIfAbsent(pool.name(), pool.size()));
        pools = java.util.Collections.unmodifiableMap(sizes);
        // The load's diagnostics, revisions and pools before its pipelines: whoever finds a pipeline of this load
        // reads this load's diagnostics with it, never the previous load's error that kept it out (a reader saw
        // a pipeline loaded and ENV001 still reported for it while the revisions were being read).
        config = loaded;
        lastGood = Map.copyOf(good);
        runnable = good.values().stream().flatMap(List::stream).toList();
        listener.loaded(loadedRevisions, atStart);
        LOG.info(
                "loaded {} runnable pipelines from {} ({} errors, {} warnings)",
                runnable.size(),
                configDirectory,
                loaded.errorCount(),
                loaded.warningCount());
        return loaded;
    }

    /**
     * Hears of the load done so far at once (as at start), then of every load after it. Replaces the listener
     * before it.
     */
    public synchronized void onLoad(RevisionListener revisionListener) {
        this.listener = revisionListener;
        revisionListener.loaded(loadedRevisions, true);
    }

    /** The revision {@code pipeline} was read from, while it is this load's or the one's before. */
    public Optional<String> revisionOf(Pipeline pipeline) {
        String revision = revisions.get(pipeline);
        return Optional.ofNullable(revision != null ? revision : previousRevisions.get(pipeline));
    }

    private void keepRevisions(PipelineConfig loaded, Map<String, List<Pipeline>> good) {
        // never changed once published
        IdentityHashMap<Pipeline, String> byPipeline = new IdentityHashMap<>();
        List<LoadedRevision> current = new ArrayList<>();
        Path directory = configDirectory.toAbsolutePath().normalize();
        for (LoadedFile file : loaded.files()) {
            if (file.hasErrors() || file.path().isEmpty()) {
                // a broken file's last valid pipelines keep the revision they were read from
                for (Pipeline kept : good.getOrDefault(file.file(), List.of())) {
                    String revision = revisions.get(kept);
                    if (revision != null) {
                        byPipeline.put(kept, revision);
                    }
                }
                continue;
            }
            Path path = file.path().get().toAbsolutePath().normalize();
            String text;
            try {
                text = RevisionTexts.canonical(Files.readString(path, StandardCharsets.UTF_8));
            } catch (IOException e) {
                LOG.warn(
                        "cannot read {} again for its revision ({}); its runs name none until it loads again",
                        path,
                        e.toString());
                continue;
            }
            String revision = RevisionTexts.revisionOf(text);
            String name =
                    path.startsWith(directory) ? directory.relativize(path).toString() : path.toString();
            for (Pipeline pipeline : file.pipelines()) {
                byPipeline.put(pipeline, revision);
                current.add(new LoadedRevision(pipeline.id(), revision, name, text));
            }
        }
        previousRevisions = revisions;
        revisions = byPipeline;
        loadedRevisions = List.copyOf(current);
    }

    public Optional<Pipeline> find(String pipelineId) {
        return runnable.stream()
                .filter(pipeline -> pipeline.id().equals(pipelineId))
                .findFirst();
    }

    /** The shared pools' sizes, by name. */
    public Map<String, Integer> pools() {
        return pools;
    }

    /** The pipelines that run: every valid file's, and the last valid version of each broken file's. */
    public List<Pipeline> runnable() {
        return runnable;
    }

    /**
     * The file a pipeline is declared in: in its current version, or, while that is broken, the file whose
     * last valid version declares it.
     */
    public Optional<Path> fileOf(String pipelineId) {
        PipelineConfig current = config;
        if (current == null) {
            return Optional.empty();
        }
        for (LoadedFile file : current.files()) {
            boolean declares =
                    file.pipelines().stream().anyMatch(pipeline -> pipeline.id().equals(pipelineId))
                            || lastGood.getOrDefault(file.file(), List.of()).stream()
                                    .anyMatch(pipeline -> pipeline.id().equals(pipelineId));
            if (declares && file.path().isPresent()) {
                return file.path();
            }
        }
        return Optional.empty();
    }

    /**
     * The file whose last valid version the pipeline runs because the file now fails to load, as the
     * diagnostics name it; empty while its file loads.
     */
    public Optional<String> brokenFileOf(String pipelineId) {
        PipelineConfig current = config;
        if (current == null) {
            return Optional.empty();
        }
        Map<String, List<Pipeline>> kept = lastGood;
        return current.files().stream()
                .filter(LoadedFile::hasErrors)
                .filter(file -> kept.getOrDefault(file.file(), List.of()).stream()
                        .anyMatch(pipeline -> pipeline.id().equals(pipelineId)))
                .map(LoadedFile::file)
                .findFirst();
    }

    public Path configDirectory() {
        return configDirectory;
    }

    public SecretMasker secrets() {
        PipelineConfig current = config;
        return current == null ? SecretMasker.none() : current.secrets();
    }

    public List<Diagnostic> diagnostics() {
        return current().diagnostics();
    }

    private PipelineConfig current() {
        PipelineConfig current = config;
        if (current == null) {
            throw new IllegalStateException("no config loaded yet; call reload() first");
        }
        return current;
    }
}
