package dev.orchestrator.desktop.logs;

import dev.orchestrator.desktop.client.AgentClient;
import dev.orchestrator.desktop.client.LogEntry;
import dev.orchestrator.desktop.session.AgentSession;
import dev.orchestrator.desktop.session.SharedHistories;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Log search across agents: each agent searches its own history (paged, with its word index), and the
 * console merges the agents' hits by time, newest first. {@link #more()} fetches the next page from the agents
 * whose hits are used up, so the merged list stays in time order however many agents there are.
 */
public final class LogSearchModel {

    /** A hit and the agent it came from. */
    public record Hit(String agent, LogEntry entry) {}

    /** What to search for; blank fields do not filter. */
    public record Filters(
            String agent, String pipeline, String status, String from, String to, String text, String level) {

        Map<String, String> asQuery() {
            Map<String, String> query = new LinkedHashMap<>();
            put(query, "pipeline", pipeline);
            put(query, "status", status);
            put(query, "from", from);
            put(query, "to", to);
            put(query, "q", text);
            put(query, "level", level);
            return query;
        }

        private static void put(Map<String, String> query, String name, String value) {
            if (value != null && !value.isBlank()) {
                query.put(name, value.strip());
            }
        }
    }

    static final int PAGE = 50;

    private final ObservableList<AgentSession> sessions;
    private final Executor io;
    private final Executor ui;
    private final ObservableList<Hit> hits = FXCollections.observableArrayList();
    private final LongProperty total = new SimpleLongProperty();
    private final BooleanProperty searching = new SimpleBooleanProperty();
    private final BooleanProperty hasMore = new SimpleBooleanProperty();
    private final BooleanProperty totalIsLowerBound = new SimpleBooleanProperty();
    private final StringProperty problem = new SimpleStringProperty();
    private final List<Cursor> cursors = new ArrayList<>();
    private Filters filters;
    private long generation;

    /** One agent's place in its own result list. */
    private static final class Cursor {
        final AgentSession session;
        final List<LogEntry> buffered = new ArrayList<>();
        int nextPage = 1;
        long total;
        boolean capped;
        boolean exhausted;

        Cursor(AgentSession session) {
            this.session = session;
        }
    }

    /** The connected agents: a view shows its agent column only when there are several. */
    public ObservableList<AgentSession> sessions() {
        return sessions;
    }

    public LogSearchModel(ObservableList<AgentSession> sessions, Executor io, Executor ui) {
        this.sessions = sessions;
        this.io = io;
        this.ui = ui;
    }

    /** Starts a new search; the first merged page replaces the hits. */
    public void search(Filters chosen) {
        filters = chosen;
        long mine = ++generation;
        hits.clear();
        total.set(0);
        cursors.clear();
        // agents of one cluster hold the same logs: each history is searched once
        SharedHistories.onePerHistory(sessions.stream()
                        .filter(session -> chosen.agent() == null
                                || chosen.agent().isBlank()
                                || session.name().equals(chosen.agent()))
                        .toList())
                .forEach(session -> cursors.add(new Cursor(session)));
        fetch(mine);
    }

    /** The next merged page of the same search. */
    public void more() {
        if (filters != null && hasMore.get() && !searching.get()) {
            fetch(generation);
        }
    }

    private void fetch(long mine) {
        searching.set(true);
        problem.set(null);
        List<Cursor> snapshot = List.copyOf(cursors);
        Map<String, String> query = filters.asQuery();
        io.execute(() -> {
            List<String> problems = new ArrayList<>();
            // every agent with too few buffered hits to fill a page reads its next page
            for (Cursor cursor : snapshot) {
                if (!cursor.exhausted && cursor.buffered.size() < PAGE) {
                    try {
                        AgentClient.LogPage page = cursor.session.client().searchLogs(query, cursor.nextPage, PAGE);
                        cursor.buffered.addAll(page.items());
                        cursor.total = page.total();
                        cursor.capped = page.capped();
                        cursor.nextPage++;
                        cursor.exhausted = page.items().size() < PAGE;
                    } catch (RuntimeException e) {
                        cursor.exhausted = true;
                        problems.add(cursor.session.name() + ": " + e.getMessage());
                    }
                }
            }
            List<Hit> merged = merge(snapshot);
            ui.execute(() -> {
                if (mine != generation) {
                    return; // a newer search replaced this one
                }
                hits.addAll(merged);
                total.set(snapshot.stream().mapToLong(cursor -> cursor.total).sum());
                totalIsLowerBound.set(snapshot.stream().anyMatch(cursor -> cursor.capped));
                hasMore.set(snapshot.stream().anyMatch(cursor -> !cursor.exhausted || !cursor.buffered.isEmpty()));
                problem.set(problems.isEmpty() ? null : String.join("; ", problems));
                searching.set(false);
            });
        });
    }

    /**
     * Takes up to a page of the newest hits across the agents' buffers. Only as far as every agent that may
     * have more can vouch for: a hit is taken when no unread hit of another agent can be newer.
     */
    static List<Hit> merge(List<Cursor> cursors) {
        List<Hit> merged = new ArrayList<>();
        while (merged.size() < PAGE) {
            Cursor newest = null;
            for (Cursor cursor : cursors) {
                if (cursor.buffered.isEmpty()) {
                    if (!cursor.exhausted) {
                        return merged; // this agent's next hit is unknown: it could be the newest
                    }
                    continue;
                }
                if (newest == null
                        || cursor.buffered
                                .get(0)
                                .time()
                                .isAfter(newest.buffered.get(0).time())) {
                    newest = cursor;
                }
            }
            if (newest == null) {
                return merged;
            }
            merged.add(new Hit(newest.session.name(), newest.buffered.remove(0)));
        }
        return merged;
    }

    public ObservableList<Hit> hits() {
        return hits;
    }

    public LongProperty totalProperty() {
        return total;
    }

    /** True when an agent counted only so far: there are more matches than the total says. */
    public BooleanProperty totalIsLowerBoundProperty() {
        return totalIsLowerBound;
    }

    public BooleanProperty searchingProperty() {
        return searching;
    }

    public BooleanProperty hasMoreProperty() {
        return hasMore;
    }

    public StringProperty problemProperty() {
        return problem;
    }

    /** The filters of the last search, for exporting the same rows. */
    public Filters filters() {
        return filters;
    }

    public List<AgentSession> searchedSessions() {
        return cursors.stream().map(cursor -> cursor.session).toList();
    }
}
