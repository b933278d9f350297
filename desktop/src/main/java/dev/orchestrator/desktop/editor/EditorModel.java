package dev.orchestrator.desktop.editor;

import dev.orchestrator.desktop.client.AgentClient;
import dev.orchestrator.desktop.client.AgentException;
import dev.orchestrator.desktop.session.AgentSession;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.validation.Diagnostic;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The pipeline file being edited: where it came from (an agent's pipeline, or a local file), the text as
 * saved and as typed, and what the validator says about it, again each time typing pauses. Saving to an agent
 * sends the version the text was read with, so a change made there meanwhile is reported, not overwritten.
 */
public final class EditorModel {

    /** Where the text lives. */
    public interface Origin {
        String name();
    }

    /** A pipeline's file on an agent. */
    public record AgentFile(AgentSession session, String pipelineId, String file, String version) implements Origin {
        public String name() {
            return file + " on " + session.name();
        }
    }

    /** A file on this machine. */
    public record LocalFile(Path path) implements Origin {
        public String name() {
            return path.toString();
        }
    }

    /** Validation waits this long after the last keystroke: long enough to skip most keystrokes of a word,
     * short enough that problems show within 100 ms of a pause. */
    static final long QUIET_MILLIS = 50;

    private final Executor io;
    private final Executor ui;
    private final ScheduledExecutorService timer;
    private final Clock clock;
    private final ObjectProperty<Origin> origin = new SimpleObjectProperty<>();
    private final StringProperty text = new SimpleStringProperty("");
    private final StringProperty saved = new SimpleStringProperty("");
    private final ObjectProperty<PipelineCheck.Result> result = new SimpleObjectProperty<>();
    private final ObservableList<Diagnostic> diagnostics = FXCollections.observableArrayList();
    private final StringProperty problem = new SimpleStringProperty();
    private final BooleanBinding dirty = Bindings.createBooleanBinding(() -> !text.get().equals(saved.get()), text,
            saved);
    private final AtomicLong edits = new AtomicLong();
    private volatile PipelineCheck check;
    private volatile Completions completions = new Completions(List.of());
    private ScheduledFuture<?> pending;

    public EditorModel(Executor io, Executor ui, ScheduledExecutorService timer, Clock clock) {
        this.io = io;
        this.ui = ui;
        this.timer = timer;
        this.clock = clock;
        this.check = new PipelineCheck(List.of(), clock);
        text.addListener((observable, old, now) -> scheduleCheck());
    }

    /** Opens a pipeline's file from its agent, with the agent's connectors for checks and completion. */
    public void openFromAgent(AgentSession session, String pipelineId, Consumer<String> report) {
        io.execute(() -> {
            try {
                AgentClient.Source source = session.client().source(pipelineId);
                var connectors = session.client().connectors();
                ui.execute(() -> {
                    check = new PipelineCheck(connectors, clock);
                    completions = new Completions(connectors);
                    load(new AgentFile(session, pipelineId, source.file(), source.version()), source.text());
                });
            } catch (RuntimeException e) {
                ui.execute(() -> report.accept("cannot open " + pipelineId + ": " + e.getMessage()));
            }
        });
    }

    /** Opens a local file. */
    public void openLocal(Path path) throws IOException {
        load(new LocalFile(path), Files.readString(path, StandardCharsets.UTF_8));
    }

    /** A new, empty document with a starting point. */
    public void load(Origin from, String content) {
        origin.set(from);
        saved.set(content);
        text.set(content);
        checkNow();
    }

    private void scheduleCheck() {
        edits.incrementAndGet();
        if (pending != null) {
            pending.cancel(false);
        }
        pending = timer.schedule(() -> ui.execute(this::checkNow), QUIET_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Validates the current text in the background; a result for a text typed over since is dropped. */
    public void checkNow() {
        String current = text.get();
        long at = edits.get();
        String name = Optional.ofNullable(origin.get()).map(EditorModel::fileName).orElse("untitled.yaml");
        PipelineCheck checker = check;
        io.execute(() -> {
            PipelineCheck.Result checked = checker.check(name, current);
            ui.execute(() -> {
                if (edits.get() == at) {
                    result.set(checked);
                    diagnostics.setAll(checked.diagnostics());
                }
            });
        });
    }

    private static String fileName(Origin origin) {
        return origin instanceof AgentFile file ? Path.of(file.file()).getFileName().toString()
                : ((LocalFile) origin).path().getFileName().toString();
    }

    /**
     * Saves: to the agent (which refuses invalid text with its diagnostics, and reports a conflict when the
     * file changed there), or to the local file, written beside and moved into place.
     */
    public void save(Consumer<String> done, Consumer<String> failed) {
        Origin where = origin.get();
        String content = text.get();
        if (where == null) {
            failed.accept("nothing to save: open a pipeline or a file first");
            return;
        }
        io.execute(() -> {
            try {
                Origin savedAs;
                if (where instanceof AgentFile file) {
                    savedAs = new AgentFile(file.session(), file.pipelineId(), file.file(),
                            file.session().client().saveSource(file.pipelineId(), content, file.version()));
                } else {
                    LocalFile file = (LocalFile) where;
                    Path partial = file.path().resolveSibling("." + file.path().getFileName() + ".saving");
                    Files.writeString(partial, content, StandardCharsets.UTF_8);
                    Files.move(partial, file.path(), StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.ATOMIC_MOVE);
                    savedAs = file;
                }
                ui.execute(() -> {
                    origin.set(savedAs);
                    saved.set(content);
                    done.accept("Saved " + savedAs.name());
                    if (savedAs instanceof AgentFile file) {
                        file.session().refresh();
                    }
                });
            } catch (AgentException e) {
                ui.execute(() -> failed.accept(e.status() == 409 ? "Not saved: " + e.getMessage()
                        : e.status() == 422 ? "Not saved, the agent found errors: " + e.getMessage()
                        : "Not saved: " + e.getMessage()));
            } catch (IOException | RuntimeException e) {
                ui.execute(() -> failed.accept("Not saved: " + e.getMessage()));
            }
        });
    }

    public StringProperty textProperty() {
        return text;
    }

    public String savedText() {
        return saved.get();
    }

    public BooleanBinding dirtyProperty() {
        return dirty;
    }

    public ObjectProperty<Origin> originProperty() {
        return origin;
    }

    public ObjectProperty<PipelineCheck.Result> resultProperty() {
        return result;
    }

    public ObservableList<Diagnostic> diagnostics() {
        return diagnostics;
    }

    public StringProperty problemProperty() {
        return problem;
    }

    public Completions completions() {
        return completions;
    }

    /** The pipelines read from the text at the last check. */
    public List<Pipeline> pipelines() {
        return result.get() == null ? List.of() : result.get().pipelines();
    }

    public Clock clock() {
        return clock;
    }
}
