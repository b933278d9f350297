package dev.orchestrator.desktop.pipelines;

import dev.orchestrator.api.RunDto;
import dev.orchestrator.desktop.client.PipelineRow;
import dev.orchestrator.desktop.session.AgentSession;
import dev.orchestrator.desktop.session.RunRef;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import javafx.beans.InvalidationListener;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * Every pipeline of every agent with its last run, filtered by a text that may match the id, name, labels,
 * schedule or agent; and the actions on the selected one (trigger, pause, resume, backfill, open its last run),
 * done by its agent in the background. Call on the UI thread; answers arrive through the UI executor.
 */
public final class PipelinesModel {

    /** A pipeline as the table shows it. */
    public record Item(String agent, PipelineRow pipeline, Optional<RunDto> lastRun) {

        public String lastState() {
            return lastRun.map(RunDto::status).orElse(null);
        }

        public OffsetDateTime lastRunAt() {
            return lastRun.map(RunDto::createdAt).orElse(null);
        }
    }

    private final ObservableList<AgentSession> sessions;
    private final ObservableList<Item> items = FXCollections.observableArrayList();
    private final FilteredList<Item> shown = new FilteredList<>(items);
    private final StringProperty filter = new SimpleStringProperty("");
    private final InvalidationListener rebuild = observable -> rebuild();
    private final ObjectProperty<Item> selected = new SimpleObjectProperty<>();
    private final Clock clock;
    private final Executor ui;
    private final PipelineDialogs dialogs;
    private final Consumer<RunRef> openRun;
    private final Consumer<String> report;
    private final PipelineHistoryModel history;

    /**
     * @param ui      runs work on the UI thread (the console's {@code Platform::runLater}, a test's direct executor)
     * @param openRun opens a run, as the run detail screen
     * @param report  shows what happened or went wrong, in the window's status bar
     */
    public PipelinesModel(
            ObservableList<AgentSession> sessions,
            Clock clock,
            Executor ui,
            PipelineDialogs dialogs,
            Consumer<RunRef> openRun,
            Consumer<String> report) {
        this.sessions = sessions;
        this.clock = clock;
        this.ui = ui;
        this.dialogs = dialogs;
        this.openRun = openRun;
        this.report = report;
        this.history = new PipelineHistoryModel(dialogs, report);
        selected.addListener((observable, old, item) -> {
            if (item != null) { // null while the list is rebuilt: the history keeps showing its pipeline
                sessionOf(item)
                        .ifPresent(
                                session -> history.show(session, item.pipeline().id()));
            }
        });
        sessions.forEach(this::watch);
        sessions.addListener((ListChangeListener<AgentSession>) change -> {
            while (change.next()) {
                change.getAddedSubList().forEach(this::watch);
                change.getRemoved().forEach(session -> {
                    session.pipelines().removeListener(rebuild);
                    session.runs().removeListener(rebuild);
                });
            }
            rebuild();
        });
        filter.addListener((observable, old, text) -> shown.setPredicate(item -> matches(item, text)));
        rebuild();
    }

    private void watch(AgentSession session) {
        session.pipelines().addListener(rebuild);
        session.runs().addListener(rebuild);
    }

    private void rebuild() {
        List<Item> rebuilt = new ArrayList<>();
        for (AgentSession session : sessions) {
            Map<String, RunDto> latest = new HashMap<>();
            for (RunDto run : session.runs()) { // newest first: the first of each pipeline is its latest
                latest.putIfAbsent(run.pipelineId(), run);
            }
            for (PipelineRow row : session.pipelines()) {
                rebuilt.add(new Item(session.name(), row, Optional.ofNullable(latest.get(row.id()))));
            }
        }
        if (!rebuilt.equals(items)) {
            items.setAll(rebuilt);
        }
    }

    static boolean matches(Item item, String text) {
        if (text == null || text.isBlank()) {
            return true;
        }
        String needle = text.strip().toLowerCase(Locale.ROOT);
        PipelineRow row = item.pipeline();
        return row.id().toLowerCase(Locale.ROOT).contains(needle)
                || (row.name() != null && row.name().toLowerCase(Locale.ROOT).contains(needle))
                || row.labels().stream()
                        .anyMatch(label -> label.toLowerCase(Locale.ROOT).contains(needle))
                || (row.schedule() != null
                        && row.schedule().toLowerCase(Locale.ROOT).contains(needle))
                || item.agent().toLowerCase(Locale.ROOT).contains(needle)
                || row.status().contains(needle);
    }

    /** The rows passing the filter. */
    public ObservableList<Item> shown() {
        return shown;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public Optional<AgentSession> sessionOf(Item item) {
        return sessions.stream()
                .filter(session -> session.name().equals(item.agent()))
                .findFirst();
    }

    /** The pipeline the actions apply to; the view sets it from the table's selection. */
    public ObjectProperty<Item> selectedProperty() {
        return selected;
    }

    /** A pipeline is selected: trigger and backfill can start. */
    public BooleanBinding canActProperty() {
        return selected.isNotNull();
    }

    public BooleanBinding canPauseProperty() {
        return Bindings.createBooleanBinding(
                () -> selected.get() != null && !selected.get().pipeline().paused(), selected);
    }

    public BooleanBinding canResumeProperty() {
        return Bindings.createBooleanBinding(
                () -> selected.get() != null && selected.get().pipeline().paused(), selected);
    }

    public BooleanBinding canOpenLastRunProperty() {
        return Bindings.createBooleanBinding(
                () -> selected.get() != null && selected.get().lastRun().isPresent(), selected);
    }

    /** Asks for parameters and starts a run of the selected pipeline; opens the run once its agent took it. */
    public void trigger() {
        Item item = selected.get();
        if (item == null) {
            return;
        }
        dialogs.askParameters(item)
                .ifPresent(values -> act("Trigger", item, (session, id) -> {
                    String runId = session.client().trigger(id, values);
                    return () -> openRun.accept(new RunRef(item.agent(), runId));
                }));
    }

    public void pause() {
        Item item = selected.get();
        if (item != null) {
            act("Pause", item, (session, id) -> {
                session.client().pause(id);
                return null;
            });
        }
    }

    public void resume() {
        Item item = selected.get();
        if (item != null) {
            act("Resume", item, (session, id) -> {
                session.client().resume(id);
                return null;
            });
        }
    }

    /** Asks for the days (the last week, by default) and starts one run per scheduled time in them. */
    public void backfill() {
        Item item = selected.get();
        if (item == null) {
            return;
        }
        LocalDate today = LocalDate.now(clock);
        dialogs.askBackfillDays(item, today.minusDays(7), today.minusDays(1))
                .ifPresent(days -> act("Backfill", item, (session, id) -> {
                    int runs = session.client()
                            .backfill(id, days.first(), days.last())
                            .size();
                    return () -> report.accept("Backfill of " + id + " started " + runs + " runs");
                }));
    }

    public void openLastRun() {
        Item item = selected.get();
        if (item != null) {
            item.lastRun().ifPresent(run -> openRun.accept(new RunRef(item.agent(), run.runId())));
        }
    }

    /**
     * Calls the item's agent in the background; what the call returns (null for nothing) then runs on the UI
     * thread, and a failure is reported there.
     */
    private void act(String what, Item item, BiFunction<AgentSession, String, Runnable> call) {
        String id = item.pipeline().id();
        sessionOf(item)
                .ifPresent(session -> session.perform(
                        what + " " + id,
                        () -> {
                            Runnable after = call.apply(session, id);
                            if (after != null) {
                                ui.execute(after);
                            }
                        },
                        report));
    }

    /**
     * Parses the trigger dialog's {@code key=value} lines: values that read as JSON (numbers, true, lists) are
     * taken as such, the rest as text.
     *
     * @throws IllegalArgumentException naming the line that has no {@code =}
     */
    public static Map<String, Object> parseParams(String text) {
        Map<String, Object> params = new java.util.LinkedHashMap<>();
        var json = new com.fasterxml.jackson.databind.ObjectMapper()
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int equals = line.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("line " + (i + 1) + " needs the form name=value: '" + line + "'");
            }
            String value = line.substring(equals + 1).strip();
            Object parsed;
            try {
                parsed = value.isEmpty() ? "" : json.readValue(value, Object.class);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                parsed = value;
            }
            params.put(line.substring(0, equals).strip(), parsed);
        }
        return params;
    }

    /** The selected pipeline's versions, for its History tab. */
    public PipelineHistoryModel history() {
        return history;
    }

    public ObservableList<AgentSession> sessions() {
        return sessions;
    }
}
