package dev.orchestrator.desktop.pipelines;

import dev.orchestrator.api.RunDto;
import dev.orchestrator.desktop.client.PipelineRow;
import dev.orchestrator.desktop.session.AgentSession;
import javafx.beans.InvalidationListener;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every pipeline of every agent with its last run, filtered by a text that may match the id, name, labels,
 * schedule or agent; and the actions on one (trigger, pause, resume, backfill), done by its agent.
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

    public PipelinesModel(ObservableList<AgentSession> sessions) {
        this.sessions = sessions;
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
                || row.labels().stream().anyMatch(label -> label.toLowerCase(Locale.ROOT).contains(needle))
                || (row.schedule() != null && row.schedule().toLowerCase(Locale.ROOT).contains(needle))
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
        return sessions.stream().filter(session -> session.name().equals(item.agent())).findFirst();
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
}
