package dev.orchestrator.agent.api;

import dev.orchestrator.agent.pipeline.PipelineRegistry;
import dev.orchestrator.agent.pipeline.RevisionKeeper;
import dev.orchestrator.agent.pipeline.RevisionTexts;
import dev.orchestrator.agent.store.PipelineRevision;
import dev.orchestrator.api.Role;
import dev.orchestrator.config.PipelineConfig;
import dev.orchestrator.config.PipelineConfigReader;
import dev.orchestrator.diagnostic.Diagnostic;
import dev.orchestrator.yaml.LoadedFile;
import dev.orchestrator.yaml.PipelineLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Pipeline files as text, for the editor: {@code GET}/{@code PUT /api/v1/pipelines/{id}/source} and
 * {@code POST /api/v1/validate}. A save is validated by the same validator as the CLI, against the whole config
 * directory as it would be with the new text (every other file, so that a pipeline id taken by another file or
 * a trigger of a pipeline the text removes counts), refused with the diagnostics when that has errors the
 * directory does not have now, refused as a conflict when the file changed since it was read (its version is a
 * hash of its content), and written atomically, so the watcher never reads half a file.
 */
public final class SourceResources {

    /**
     * A body holds pipeline text of up to the loader's {@link PipelineLoader#MAX_FILE_BYTES} as a JSON string,
     * with a fifth more for its escapes: text the CLI would read is read here too, and text somewhat over the
     * loader's limit gets the loader's diagnostic (FILE006), not a bare 413.
     */
    static final int MAX_BODY_BYTES = PipelineLoader.MAX_FILE_BYTES + PipelineLoader.MAX_FILE_BYTES / 5;

    private final PipelineRegistry pipelines;
    private final PipelineConfigReader reader;
    private final Runnable reload;
    private final RevisionKeeper revisions;

    /**
     * @param reload    reads the config directory again and updates the schedules, as the file watcher does
     * @param revisions told who saves each text, for the revision it becomes
     */
    public SourceResources(
            PipelineRegistry pipelines, PipelineConfigReader reader, Runnable reload, RevisionKeeper revisions) {
        this.pipelines = pipelines;
        this.reader = reader;
        this.reload = reload;
        this.revisions = revisions;
    }

    public List<Route> routes() {
        return List.of(
                Route.get("/api/v1/pipelines/{id}/source", request -> {
                            Path file = fileOf(request.pathParameter("id"));
                            String text = read(file);
                            Map<String, Object> body = new LinkedHashMap<>();
                            body.put("pipeline_id", request.pathParameter("id"));
                            body.put(
                                    "file",
                                    pipelines
                                            .configDirectory()
                                            .toAbsolutePath()
                                            .normalize()
                                            .relativize(file.toAbsolutePath().normalize())
                                            .toString());
                            body.put("version", version(text));
                            body.put("text", text);
                            return body;
                        })
                        .requires(Role.VIEWER),
                Route.put("/api/v1/pipelines/{id}/source", this::save)
                        .acceptingBodiesUpTo(MAX_BODY_BYTES)
                        .requires(Role.EDITOR),
                Route.post("/api/v1/validate", request -> {
                            Map<?, ?> body = request.body(Map.class, Map.of());
                            String text = text(body);
                            String name =
                                    body.get("file") instanceof String file && !file.isBlank() ? file : "editor.yaml";
                            PipelineConfig checked = reader.readText(name, text, pipelines.configDirectory());
                            Map<String, Object> answer = new LinkedHashMap<>();
                            answer.put("valid", !checked.hasErrors());
                            answer.put(
                                    "pipelines",
                                    checked.pipelines().stream()
                                            .map(pipeline -> pipeline.id())
                                            .toList());
                            answer.put("diagnostics", checked.diagnostics());
                            return answer;
                        })
                        .acceptingBodiesUpTo(MAX_BODY_BYTES)
                        // checks a text, changes nothing: the editor asks as its user types
                        .changesNothing()
                        .requires(Role.VIEWER));
    }

    /** Body {@code {"text": "...", "version": "..."}}, the version as read. */
    private Object save(ApiRequest request) {
        Map<?, ?> body = request.body(Map.class, Map.of());
        return save(request.pathParameter("id"), text(body), expectedVersion(body), author(request));
    }

    /**
     * Saves {@code text} as the file that declares the pipeline, unless the file changed since it was read as
     * {@code expected}, and loads the config directory again.
     *
     * @param author who saves it, as the pipeline's revisions name them
     * @throws ApiException 404 for an unknown pipeline, 409 when the file changed, 422 when the text has errors
     */
    Map<String, Object> save(String pipelineId, String text, String expected, String author) {
        Path file = fileOf(pipelineId);
        LoadedFile checked;
        String saved;
        // one save at a time: the second of two saves of one file sees the first's version, and two files saved
        // at once are each checked against the other as written
        synchronized (this) {
            String current = version(read(file));
            if (!current.equals(expected)) {
                throw new ApiException(
                        409,
                        "conflict",
                        file.getFileName() + " changed on the agent since it was " + "read (version " + expected
                                + ", now " + current + "); read it again and reapply the edit");
            }
            checked = checkInPlace(file, text);
            // before the write: the file watcher may load the new text before this save does
            revisions.expect(text, PipelineRevision.API, author);
            try {
                write(file, text);
            } catch (RuntimeException e) {
                revisions.forget(text);
                throw e;
            }
            saved = version(text);
        }
        try {
            reload.run();
        } finally {
            revisions.forget(text);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("pipeline_id", pipelineId);
        answer.put("version", saved);
        answer.put("revision", RevisionTexts.revisionOf(text));
        answer.put(
                "pipelines",
                checked.pipelines().stream().map(pipeline -> pipeline.id()).toList());
        answer.put("diagnostics", checked.diagnostics());
        return answer;
    }

    static String expectedVersion(Map<?, ?> body) {
        if (!(body.get("version") instanceof String expected) || expected.isBlank()) {
            throw ApiException.badRequest("send the 'version' the text was read with (GET .../source), so a "
                    + "change made meanwhile is not overwritten");
        }
        return expected;
    }

    /**
     * Who makes a change through the API, as the pipeline's revisions name them: the {@code X-Orchestrator-User}
     * header when sent, else {@code api}. (Named tokens will name their holder here.)
     */
    static String author(ApiRequest request) {
        return request.header("X-Orchestrator-User")
                .map(String::strip)
                .filter(name -> !name.isEmpty())
                .map(name -> name.length() > 256 ? name.substring(0, 256) : name)
                .orElse(PipelineRevision.API);
    }

    /**
     * The saved file as the directory would read with {@code text} in it.
     *
     * @throws ApiException 422 with the diagnostics when the text has errors, or gives the directory's other
     *                      files errors they do not have now
     */
    @SuppressWarnings("ReferenceEquality") // the files other than the saved one itself
    private LoadedFile checkInPlace(Path file, String text) {
        Path directory = pipelines.configDirectory();
        PipelineConfig before;
        PipelineConfig after;
        try {
            before = reader.read(directory);
            after = reader.readReplacing(directory, file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the config directory " + directory, e);
        }
        Path key = file.toAbsolutePath().normalize();
        LoadedFile saved = after.files().stream()
                .filter(loaded -> loaded.path()
                        .map(path -> path.toAbsolutePath().normalize().equals(key))
                        .orElse(false))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(file + " is not in its config directory " + directory));
        Set<Place> existing = before.diagnostics().stream()
                .filter(Diagnostic::isError)
                .map(Place::of)
                .collect(Collectors.toSet());
        List<Diagnostic> problems = new ArrayList<>(saved.diagnostics());
        after.files().stream()
                .filter(loaded -> loaded != saved)
                .flatMap(loaded -> loaded.diagnostics().stream())
                .filter(diagnostic -> diagnostic.isError() && !existing.contains(Place.of(diagnostic)))
                .forEach(problems::add);
        List<Diagnostic> errors = problems.stream().filter(Diagnostic::isError).toList();
        if (!errors.isEmpty()) {
            problems.sort(Diagnostic.IN_FILE_ORDER);
            throw new ApiException(
                    422,
                    "invalid",
                    errors.size() + (errors.size() == 1 ? " error" : " errors")
                            + " with this text in the config directory (first: "
                            + errors.get(0).toLine()
                            + "); nothing was saved",
                    problems);
        }
        return saved;
    }

    /** Where an error stands and what it is, whatever its message says of the other files. */
    private record Place(String file, int line, int column, String code) {
        static Place of(Diagnostic diagnostic) {
            return new Place(diagnostic.file(), diagnostic.line(), diagnostic.column(), diagnostic.code());
        }
    }

    private Path fileOf(String pipelineId) {
        return pipelines
                .fileOf(pipelineId)
                .orElseThrow(() -> ApiException.notFound(
                        "no pipeline '" + pipelineId + "' in the config directory; GET /pipelines lists them"));
    }

    private static String text(Map<?, ?> body) {
        if (!(body.get("text") instanceof String text)) {
            throw ApiException.badRequest("send the YAML as {\"text\": \"...\"}");
        }
        return text;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void write(Path file, String text) {
        Path temporary = file.resolveSibling("." + file.getFileName() + ".saving");
        try {
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save " + file + ": " + e.getMessage(), e);
        }
    }

    /** The first 16 hex digits of the text's SHA-256: equal texts, equal versions. */
    static String version(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
