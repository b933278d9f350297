package dev.orchestrator.desktop.editor;

import dev.orchestrator.desktop.client.AgentClient;
import dev.orchestrator.desktop.client.AgentException;
import dev.orchestrator.desktop.session.AgentSession;
import dev.orchestrator.diagnostic.Diagnostic;
import dev.orchestrator.model.Pipeline;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The pipeline file being edited, as one {@link Document}: where it came from (an agent's pipeline with the
 * version read, or a local file), the text as saved and as typed; and what the validator says about it, again
 * each time typing pauses. Saving to an agent sends the version the text was read with, so a change made there
 * meanwhile is reported, not overwritten. Used on the UI thread only.
 */
public final class EditorModel {

    /** Where the text lives. */
    public interface Origin {
        String name();
    }

    /** A pipeline's file on an agent. */
    public record AgentFile(AgentSession session, String pipelineId, String file, String version) implements Origin {
        @Override
        public String name() {
            return file + " on " + session.name();
        }
    }

    /** A file on this machine. */
    public record LocalFile(Path path) implements Origin {
        @Override
        public String name() {
            return path.toString();
        }
    }

    /**
     * What is open, replaced whole at each change so that no listener ever sees one file's name with another
     * file's text. {@code opening} tells openings apart: a save or an edit keeps it, opening a file (even the
     * same one again) takes a new one.
     *
     * @param origin    where the text lives; null while nothing is open
     * @param savedText the text as read or as last saved: what {@code text} is compared with
     * @param text      the text as typed
     */
    public record Document(long opening, Origin origin, String savedText, String text) {

        static final Document NOTHING = new Document(0, null, "", "");

        public boolean isOpen() {
            return origin != null;
        }

        public boolean isDirty() {
            return !text.equals(savedText);
        }

        public boolean isSameOpening(Document other) {
            return opening == other.opening;
        }

        Document edited(String now) {
            return new Document(opening, origin, savedText, now);
        }

        Document saved(Origin as, String content) {
            return new Document(opening, as, content, text);
        }
    }

    /** Validation waits this long after the last keystroke: long enough to skip most keystrokes of a word,
     * short enough that problems show within 100 ms of a pause. */
    static final long QUIET_MILLIS = 50;

    private final Executor io;
    private final Executor ui;
    private final ScheduledExecutorService timer;
    private final Clock clock;
    private final ReadOnlyObjectWrapper<Document> document = new ReadOnlyObjectWrapper<>(Document.NOTHING);
    private final StringBinding text =
            Bindings.createStringBinding(() -> document.get().text(), document);
    private final ObjectProperty<PipelineCheck.Result> result = new SimpleObjectProperty<>();
    private final ObservableList<Diagnostic> diagnostics = FXCollections.observableArrayList();
    private final StringProperty problem = new SimpleStringProperty();
    private final BooleanBinding dirty =
            Bindings.createBooleanBinding(() -> document.get().isDirty(), document);
    private final AtomicLong edits = new AtomicLong();
    private long openings;
    private long latestOpen; // the last open asked for: an agent's answer to an earlier one comes too late

    private volatile PipelineCheck check;
    private volatile Completions completions = new Completions(List.of());
    private ScheduledFuture<?> pending;

    public EditorModel(Executor io, Executor ui, ScheduledExecutorService timer, Clock clock) {
        this.io = io;
        this.ui = ui;
        this.timer = timer;
        this.clock = clock;
        this.check = new PipelineCheck(List.of(), clock);
        document.addListener((observable, old, now) -> {
            if (old.isSameOpening(now) && !old.text().equals(now.text())) {
                scheduleCheck();
            }
        });
    }

    /** Opens a pipeline's file from its agent, with the agent's connectors for checks and completion. */
    public void openFromAgent(AgentSession session, String pipelineId, Consumer<String> report) {
        long open = ++latestOpen;
        io.execute(() -> {
            try {
                AgentClient.Source source = session.client().source(pipelineId);
                var connectors = session.client().connectors();
                ui.execute(() -> {
                    if (open != latestOpen) {
                        return; // another file was opened since it was asked for
                    }
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

    /** Opens {@code content} as the text of {@code from}, in place of whatever was open. */
    public void load(Origin from, String content) {
        latestOpen++;
        cancelPendingCheck();
        document.set(new Document(++openings, from, content, content));
        checkNow();
    }

    /**
     * The user's edit of the document {@code of}: applied when {@code of} is still the one open, dropped when
     * another was opened since (the late change event of a text that was replaced must not become the new
     * file's text).
     *
     * @return whether the edit was applied
     */
    public boolean edit(Document of, String now) {
        Document current = document.get();
        if (!current.isSameOpening(of)) {
            return false;
        }
        document.set(current.edited(now));
        return true;
    }

    private void cancelPendingCheck() {
        edits.incrementAndGet();
        if (pending != null) {
            pending.cancel(false);
        }
    }

    private void scheduleCheck() {
        cancelPendingCheck();
        pending = timer.schedule(() -> ui.execute(this::checkNow), QUIET_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Validates the current text in the background; a result for a text typed over since is dropped. */
    public void checkNow() {
        Document current = document.get();
        long at = edits.get();
        String name = current.isOpen() ? fileName(current.origin()) : "untitled.yaml";
        PipelineCheck checker = check;
        io.execute(() -> {
            PipelineCheck.Result checked = checker.check(name, current.text());
            ui.execute(() -> {
                if (edits.get() == at) {
                    result.set(checked);
                    diagnostics.setAll(checked.diagnostics());
                }
            });
        });
    }

    private static String fileName(Origin origin) {
        return origin instanceof AgentFile file
                ? Path.of(file.file()).getFileName().toString()
                : ((LocalFile) origin).path().getFileName().toString();
    }

    /** Saves what is open now; see {@link #save(Document, Consumer, Consumer)}. */
    public void save(Consumer<String> done, Consumer<String> failed) {
        save(document.get(), done, failed);
    }

    /**
     * Saves {@code confirmed}, the document as the user agreed to save it: to the agent (which refuses invalid
     * text with its diagnostics, and reports a conflict when the file changed there), or to the local file,
     * written beside and moved into place. Refused when the open document is no longer {@code confirmed}, so
     * a text is only ever written to the file it was read from.
     */
    @SuppressWarnings("ReferenceEquality") // still the very document the user confirmed, not an equal one
    public void save(Document confirmed, Consumer<String> done, Consumer<String> failed) {
        if (!confirmed.isOpen()) {
            failed.accept("nothing to save: open a pipeline or a file first");
            return;
        }
        if (document.get() != confirmed) {
            failed.accept("Not saved: the editor changed while the save was being confirmed; save again");
            return;
        }
        Origin where = confirmed.origin();
        String content = confirmed.text();
        io.execute(() -> {
            try {
                Origin savedAs;
                if (where instanceof AgentFile file) {
                    savedAs = new AgentFile(
                            file.session(),
                            file.pipelineId(),
                            file.file(),
                            file.session().client().saveSource(file.pipelineId(), content, file.version()));
                } else {
                    LocalFile file = (LocalFile) where;
                    Path partial = file.path().resolveSibling("." + file.path().getFileName() + ".saving");
                    Files.writeString(partial, content, StandardCharsets.UTF_8);
                    Files.move(
                            partial, file.path(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    savedAs = file;
                }
                ui.execute(() -> {
                    Document current = document.get();
                    if (current.isSameOpening(confirmed)) { // else another file was opened meanwhile
                        document.set(current.saved(savedAs, content));
                    }
                    done.accept("Saved " + savedAs.name());
                    if (savedAs instanceof AgentFile file) {
                        file.session().refresh();
                    }
                });
            } catch (AgentException e) {
                ui.execute(() -> failed.accept(
                        e.status() == 409
                                ? "Not saved: " + e.getMessage()
                                : e.status() == 422
                                        ? "Not saved, the agent found errors: " + e.getMessage()
                                        : "Not saved: " + e.getMessage()));
            } catch (IOException | RuntimeException e) {
                ui.execute(() -> failed.accept("Not saved: " + e.getMessage()));
            }
        });
    }

    /** What is open; listeners get the whole document, and read the name and the text from it. */
    public ReadOnlyObjectProperty<Document> documentProperty() {
        return document.getReadOnlyProperty();
    }

    /** The text as typed, for reading; views take it from {@link #documentProperty()}'s document. */
    public StringBinding textProperty() {
        return text;
    }

    public BooleanBinding dirtyProperty() {
        return dirty;
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
