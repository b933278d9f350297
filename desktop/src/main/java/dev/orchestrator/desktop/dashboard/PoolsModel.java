package dev.orchestrator.desktop.dashboard;

import dev.orchestrator.api.PoolDto;
import dev.orchestrator.api.PoolSlotsDto;
import dev.orchestrator.desktop.session.AgentSession;
import dev.orchestrator.desktop.session.SharedHistories;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javafx.beans.InvalidationListener;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The dashboard's Pools panel (issue 21): every shared pool of the connected agents with its slots taken, who holds
 * them and who waits. Agents of one cluster share their pools, which are shown once. Call on the UI thread.
 */
public final class PoolsModel {

    private static final int NAMED = 3;

    /** A pool and the agent that listed it. */
    public record Row(String agent, PoolDto pool) {

        /** {@code 3 of 4}, or {@code 3} for a pool no file declares now. */
        public String taken() {
            return pool.size() == null ? String.valueOf(pool.taken()) : pool.taken() + " of " + pool.size();
        }

        /** The tasks holding slots, as {@code run / task}, the first few. */
        public String holders() {
            return named(pool.holders());
        }

        /** How many tasks wait, and the next ones. */
        public String waiting() {
            return pool.waiting().isEmpty() ? "—" : pool.waiting().size() + ": " + named(pool.waiting());
        }

        /** True when every slot is taken and tasks wait for them. */
        public boolean saturated() {
            return !pool.waiting().isEmpty();
        }

        private static String named(List<PoolSlotsDto> slots) {
            if (slots.isEmpty()) {
                return "—";
            }
            String names = slots.stream()
                    .limit(NAMED)
                    .map(entry -> entry.runId() + " / " + entry.taskId())
                    .collect(Collectors.joining(", "));
            return slots.size() > NAMED ? names + ", …" : names;
        }
    }

    private final ObservableList<AgentSession> sessions;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final InvalidationListener rebuild = observable -> rebuild();

    public PoolsModel(ObservableList<AgentSession> sessions) {
        this.sessions = sessions;
        sessions.forEach(this::watch);
        sessions.addListener((ListChangeListener<AgentSession>) change -> {
            while (change.next()) {
                change.getAddedSubList().forEach(this::watch);
                change.getRemoved().forEach(this::unwatch);
            }
            rebuild();
        });
        rebuild();
    }

    private void watch(AgentSession session) {
        session.pools().addListener(rebuild);
        SharedHistories.choiceInputs(session).forEach(input -> input.addListener(rebuild));
    }

    private void unwatch(AgentSession session) {
        session.pools().removeListener(rebuild);
        SharedHistories.choiceInputs(session).forEach(input -> input.removeListener(rebuild));
    }

    private void rebuild() {
        List<Row> all = new ArrayList<>();
        SharedHistories.onePerHistory(sessions)
                .forEach(session -> session.pools().forEach(pool -> all.add(new Row(session.name(), pool))));
        rows.setAll(all);
    }

    /** The pools, in the order each agent lists them (the declared ones first, in file order). */
    public ObservableList<Row> rows() {
        return rows;
    }
}
