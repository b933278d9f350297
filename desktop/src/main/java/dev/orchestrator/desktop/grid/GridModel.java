package dev.orchestrator.desktop.grid;

import dev.orchestrator.api.GridDto;
import dev.orchestrator.desktop.client.PipelineRow;
import dev.orchestrator.desktop.session.AgentSession;
import dev.orchestrator.desktop.session.RunRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import javafx.beans.InvalidationListener;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The run grid's state: which pipeline of which agent, how many runs, and the grid read from that agent a page of
 * tasks at a time (each page shown as it arrives). It reads again when the choice changes, on {@link #reload()},
 * and when the agent's list of runs changes (a run started or ended); reads never overlap, and one asked for while
 * another is under way follows it. Call on the UI thread; answers arrive through the UI executor.
 */
public final class GridModel {

    /** The numbers of runs offered, 25 to 200 as issue 22 asks. */
    public static final List<Integer> RUN_COUNTS = List.of(25, 50, 100, 200);

    /** Rows per request: a page of 250 tasks × 200 runs is about 2 MB of JSON. */
    static final int TASK_PAGE = 250;

    /** A pipeline of an agent, as the chooser lists it. */
    public record Choice(String agent, String pipelineId) {

        @Override
        public String toString() {
            return pipelineId + " · " + agent;
        }
    }

    private final ObservableList<AgentSession> sessions;
    private final Executor io;
    private final Executor ui;
    private final BiConsumer<RunRef, String> openTask;
    private final ObservableList<Choice> choices = FXCollections.observableArrayList();
    private final ObjectProperty<Choice> pipeline = new SimpleObjectProperty<>(this, "pipeline");
    private final IntegerProperty runs = new SimpleIntegerProperty(this, "runs", RUN_COUNTS.get(0));
    private final ReadOnlyObjectWrapper<GridMatrix> matrix =
            new ReadOnlyObjectWrapper<>(this, "matrix", GridMatrix.EMPTY);
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final InvalidationListener pipelinesChanged = observable -> refreshChoices();
    private final InvalidationListener runsChanged = observable -> reload();
    private AgentSession watched;
    private boolean readAgain;

    /** @param openTask opens a task of a run, as the run detail screen */
    public GridModel(
            ObservableList<AgentSession> sessions, Executor io, Executor ui, BiConsumer<RunRef, String> openTask) {
        this.sessions = sessions;
        this.io = io;
        this.ui = ui;
        this.openTask = openTask;
        sessions.forEach(session -> session.pipelines().addListener(pipelinesChanged));
        sessions.addListener((ListChangeListener<AgentSession>) change -> {
            while (change.next()) {
                change.getAddedSubList().forEach(session -> session.pipelines().addListener(pipelinesChanged));
                change.getRemoved().forEach(session -> session.pipelines().removeListener(pipelinesChanged));
            }
            refreshChoices();
        });
        pipeline.addListener((observable, old, chosen) -> {
            watch(chosen);
            matrix.set(GridMatrix.EMPTY);
            reload();
        });
        runs.addListener((observable, old, count) -> reload());
        refreshChoices();
    }

    /** The pipelines of every agent; the first is chosen when none is. */
    private void refreshChoices() {
        List<Choice> fresh = new ArrayList<>();
        for (AgentSession session : sessions) {
            for (PipelineRow row : session.pipelines()) {
                fresh.add(new Choice(session.name(), row.id()));
            }
        }
        if (!fresh.equals(choices)) {
            choices.setAll(fresh);
        }
        if (pipeline.get() == null && !fresh.isEmpty()) {
            pipeline.set(fresh.get(0));
        }
    }

    private void watch(Choice chosen) {
        if (watched != null) {
            watched.runs().removeListener(runsChanged);
            watched = null;
        }
        session(chosen).ifPresent(session -> {
            watched = session;
            session.runs().addListener(runsChanged);
        });
    }

    private Optional<AgentSession> session(Choice chosen) {
        return chosen == null
                ? Optional.empty()
                : sessions.stream()
                        .filter(session -> session.name().equals(chosen.agent()))
                        .findFirst();
    }

    /** Reads the chosen pipeline's grid again, page by page. */
    public void reload() {
        if (loading.get()) {
            readAgain = true;
            return;
        }
        Choice chosen = pipeline.get();
        Optional<AgentSession> session = session(chosen);
        if (session.isEmpty()) {
            return;
        }
        int count = runs.get();
        loading.set(true);
        io.execute(() -> {
            List<GridDto> pages = new ArrayList<>();
            try {
                int offset = 0;
                do {
                    pages.add(session.get().client().grid(chosen.pipelineId(), count, offset, TASK_PAGE));
                    offset += TASK_PAGE;
                    GridMatrix read = GridMatrix.of(chosen.agent(), chosen.pipelineId(), pages);
                    boolean last = offset >= read.totalTasks();
                    ui.execute(() -> show(chosen, count, read, last));
                } while (offset < pages.get(pages.size() - 1).totalTasks());
            } catch (RuntimeException e) {
                ui.execute(() -> {
                    problem.set("cannot read the grid of " + chosen + ": " + e.getMessage());
                    finished();
                });
            }
        });
    }

    private void show(Choice chosen, int count, GridMatrix read, boolean last) {
        if (chosen.equals(pipeline.get()) && count == runs.get()) {
            matrix.set(read);
            problem.set(null);
        } else {
            readAgain = true; // the choice changed while reading: what was read is not what is asked for
        }
        if (last) {
            finished();
        }
    }

    private void finished() {
        loading.set(false);
        if (readAgain) {
            readAgain = false;
            reload();
        }
    }

    /** Opens the task of this row in the run of this column, in the run detail screen. */
    public void open(int row, int column) {
        GridMatrix shown = matrix.get();
        if (row < 0 || row >= shown.rowCount() || column < 0 || column >= shown.columnCount()) {
            return;
        }
        openTask.accept(new RunRef(shown.agent(), shown.run(column).runId()), shown.task(row));
    }

    public ObservableList<Choice> choices() {
        return choices;
    }

    public ObjectProperty<Choice> pipelineProperty() {
        return pipeline;
    }

    /** How many of the newest runs are columns: one of {@link #RUN_COUNTS}. */
    public IntegerProperty runsProperty() {
        return runs;
    }

    public ReadOnlyObjectProperty<GridMatrix> matrixProperty() {
        return matrix.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }
}
