package dev.orchestrator.desktop.session;

import dev.orchestrator.desktop.client.AgentInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * Agents of one cluster share a database, and each serves the whole history (SPEC 11). A view of several agents
 * at once reads each history through one of them, or every run of a cluster would be counted once per agent
 * connected. Agents say which history they hold with {@code history_id} in {@code GET /api/v1/agent}.
 */
public final class SharedHistories {

    private SharedHistories() {}

    /**
     * One session per history, in the order given: of the sessions sharing a history, the first that is online
     * (the first of them when none is). Sessions whose history is not known yet (never reached, or an agent too
     * old to say) are all kept: they cannot be shown to be the same.
     */
    public static List<AgentSession> onePerHistory(List<AgentSession> sessions) {
        Map<Object, AgentSession> chosen = new LinkedHashMap<>();
        for (AgentSession session : sessions) {
            AgentInfo info = session.infoProperty().get();
            Object history = info == null || info.historyId() == null ? session : info.historyId();
            AgentSession held = chosen.get(history);
            if (held == null || (!isOnline(held) && isOnline(session))) {
                chosen.put(history, session);
            }
        }
        List<AgentSession> kept = new ArrayList<>(chosen.values());
        kept.sort(java.util.Comparator.comparingInt(sessions::indexOf));
        return kept;
    }

    /**
     * Calls {@code changed} whenever a view built of {@link #onePerHistory} may have to be built again: a session
     * comes or goes (once per change of the list), one of a session's {@code sources} changes, or the choice of
     * session may change (its agent info or health). A session that goes is no longer watched. Call on the UI
     * thread; {@code changed} is not called for the sessions already there.
     *
     * @param sources what the view reads of a session: the same observables each time it is asked
     */
    public static void watch(
            ObservableList<AgentSession> sessions,
            Function<AgentSession, List<? extends Observable>> sources,
            Runnable changed) {
        InvalidationListener listener = observable -> changed.run();
        Consumer<AgentSession> watch =
                session -> watched(session, sources).forEach(source -> source.addListener(listener));
        Consumer<AgentSession> unwatch =
                session -> watched(session, sources).forEach(source -> source.removeListener(listener));
        sessions.forEach(watch);
        sessions.addListener((ListChangeListener<AgentSession>) change -> {
            while (change.next()) {
                change.getAddedSubList().forEach(watch);
                change.getRemoved().forEach(unwatch);
            }
            changed.run();
        });
    }

    /** A session's sources, then what the choice depends on. */
    private static List<Observable> watched(
            AgentSession session, Function<AgentSession, List<? extends Observable>> sources) {
        List<Observable> watched = new ArrayList<>(sources.apply(session));
        watched.add(session.infoProperty());
        watched.add(session.healthProperty());
        return watched;
    }

    private static boolean isOnline(AgentSession session) {
        return session.healthProperty().get() == AgentHealth.ONLINE;
    }
}
