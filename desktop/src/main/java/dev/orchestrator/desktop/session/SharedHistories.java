package dev.orchestrator.desktop.session;

import dev.orchestrator.desktop.client.AgentInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.Observable;

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

    /** What the choice depends on, for views that must choose again when it changes. */
    public static List<Observable> choiceInputs(AgentSession session) {
        return List.of(session.infoProperty(), session.healthProperty());
    }

    private static boolean isOnline(AgentSession session) {
        return session.healthProperty().get() == AgentHealth.ONLINE;
    }
}
