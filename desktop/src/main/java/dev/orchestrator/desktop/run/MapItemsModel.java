package dev.orchestrator.desktop.run;

import dev.orchestrator.api.MapItemDto;
import dev.orchestrator.api.PageDto;
import dev.orchestrator.desktop.client.LogLine;
import dev.orchestrator.desktop.client.MapItemRequests;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The items of one map (a {@code for_each} task) of a run, a page of {@value #PAGE_SIZE} at a time, all or those in one
 * state, and the log of the item opened. Every read runs on the I/O executor; its answer is applied on the UI
 * executor, and only if no read started after it (a quick "next, next" shows the last page asked for).
 */
public final class MapItemsModel {

    public static final int PAGE_SIZE = 100;
    /** The states an item can be in, as the API spells them: the filter's choices besides all. */
    public static final List<String> STATES =
            List.of("pending", "running", "retrying", "success", "failed", "timeout", "cancelled");

    private static final int LOG_LINES = 200;

    private final Supplier<MapItemRequests> requests;
    private final String runId;
    private final Executor io;
    private final Executor ui;
    private final StringProperty task = new SimpleStringProperty();
    private final ObjectProperty<String> state = new SimpleObjectProperty<>();
    private final ReadOnlyIntegerWrapper page = new ReadOnlyIntegerWrapper(1);
    private final LongProperty total = new SimpleLongProperty();
    private final ObservableList<MapItemDto> items = FXCollections.observableArrayList();
    private final BooleanProperty loading = new SimpleBooleanProperty();
    private final StringProperty problem = new SimpleStringProperty();
    private final StringProperty itemDetail = new SimpleStringProperty("");
    private long readsStarted;
    private long itemReadsStarted;

    MapItemsModel(Supplier<MapItemRequests> requests, String runId, Executor io, Executor ui) {
        this.requests = requests;
        this.runId = runId;
        this.io = io;
        this.ui = ui;
    }

    /** Shows this map's items from its first page, all states; the same map again is read anew. */
    public void show(String taskId) {
        if (!taskId.equals(task.get())) {
            task.set(taskId);
            state.set(null);
            page.set(1);
            items.clear();
            itemDetail.set("");
        }
        read();
    }

    /** The whole output of the item at {@code index} of the map shown, read from the agent when loaded. */
    public FullOutputModel itemOutput(int index) {
        String taskId = task.get();
        return new FullOutputModel(
                "item " + index + " of " + taskId,
                runId + "-" + taskId + "-" + index,
                () -> requests.get().itemOutput(runId, taskId, index),
                io,
                ui);
    }

    /** Only the items in this state (null: all), from the first page. */
    public void filter(String newState) {
        state.set(newState);
        page.set(1);
        read();
    }

    public void next() {
        if (page.get() < pages()) {
            page.set(page.get() + 1);
            read();
        }
    }

    public void previous() {
        if (page.get() > 1) {
            page.set(page.get() - 1);
            read();
        }
    }

    /** Reads the page shown again, as the map's counts change while it runs. */
    public void read() {
        String taskId = task.get();
        if (taskId == null) {
            return;
        }
        long read = ++readsStarted;
        String wanted = state.get();
        int number = page.get();
        loading.set(true);
        io.execute(() -> {
            try {
                PageDto<MapItemDto> answer = requests.get().items(runId, taskId, wanted, number, PAGE_SIZE);
                ui.execute(() -> {
                    if (read == readsStarted) {
                        loading.set(false);
                        problem.set(null);
                        total.set(answer.total());
                        items.setAll(answer.items());
                    }
                });
            } catch (RuntimeException e) {
                ui.execute(() -> {
                    if (read == readsStarted) {
                        loading.set(false);
                        problem.set("cannot read the items of " + taskId + ": " + e.getMessage());
                    }
                });
            }
        });
    }

    /** Shows an item's error and the first lines of its log, read in the background. */
    public void open(MapItemDto item) {
        String taskId = task.get();
        long read = ++itemReadsStarted;
        String heading = "Item " + item.index() + " · " + item.status() + " · " + item.attempts() + " attempt"
                + (item.attempts() == 1 ? "" : "s") + "\n" + (item.error() == null ? "" : item.error() + "\n");
        itemDetail.set(heading + "\nReading its log…");
        io.execute(() -> {
            String log;
            try {
                List<LogLine> lines = requests.get().itemLog(runId, taskId, item.index(), LOG_LINES);
                log = lines.isEmpty()
                        ? "(no log lines)"
                        : lines.stream()
                                .map(line -> line.level() + " " + line.message())
                                .collect(Collectors.joining("\n"));
            } catch (RuntimeException e) {
                log = "cannot read its log: " + e.getMessage();
            }
            String shown = heading + "\n" + log;
            ui.execute(() -> {
                if (read == itemReadsStarted) {
                    itemDetail.set(shown);
                }
            });
        });
    }

    /** How many pages the items (in the state filtered on) fill; at least one. */
    public int pages() {
        return (int) Math.max(1, (total.get() + PAGE_SIZE - 1) / PAGE_SIZE);
    }

    public ReadOnlyStringProperty taskProperty() {
        return task;
    }

    /** The state filtered on, as the API spells it; null for all. */
    public ReadOnlyObjectProperty<String> stateProperty() {
        return state;
    }

    /** The page shown, from 1. */
    public ReadOnlyIntegerProperty pageProperty() {
        return page.getReadOnlyProperty();
    }

    /** How many items there are in the state filtered on. */
    public ReadOnlyLongProperty totalProperty() {
        return total;
    }

    /** The items of the page shown, in index order. */
    public ObservableList<MapItemDto> items() {
        return items;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading;
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem;
    }

    /** What the item opened last says: its state, attempts, error and log. */
    public ReadOnlyStringProperty itemDetailProperty() {
        return itemDetail;
    }
}
