package dev.orchestrator.desktop.dashboard;

import dev.orchestrator.api.PoolDto;
import dev.orchestrator.api.PoolSlotsDto;
import dev.orchestrator.desktop.session.AgentSession;
import dev.orchestrator.desktop.session.SharedHistories;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The dashboard's Pools panel (issue 21): every shared pool of the connected agents with its slots taken, who holds
 * them and who waits. Agents of one cluster share their pools, which are shown once. Call on the UI thread.
 */
public final class PoolsModel {

    private static final int NAMED = 2;

    /**
     * A pool and the agent that listed it.
     *
     * @param pipelines the pipeline of each run the console knows, by run id: a slot's task is named by its pipeline,
     *                  which a user knows, rather than by its run's id
     */
    public record Row(String agent, PoolDto pool, Map<String, String> pipelines) {

        public Row {
            pipelines = Map.copyOf(pipelines);
        }

        /** {@code 3 of 4}, or {@code 3} for a pool no file declares now. */
        public String taken() {
            return pool.size() == null ? String.valueOf(pool.taken()) : pool.taken() + " of " + pool.size();
        }

        /**
         * Who holds the pool and who waits for it, one a line, as the panel's one column of tasks shows them: the
         * holders, then {@code 2 waiting: pipeline / task} and the next in the queue.
         */
        public String tasks() {
            String held = pool.holders().isEmpty() ? "—" : named(pool.holders());
            if (pool.waiting().isEmpty()) {
                return held;
            }
            return held + "\n" + pool.waiting().size() + " waiting: " + named(pool.waiting());
        }

        /** Every holder and every waiter, one a line, with their runs' ids: the tooltip of {@link #tasks()}. */
        public String tasksInFull() {
            String held = inFull(pool.holders(), "holds");
            String waits = inFull(pool.waiting(), "waits for");
            return held == null ? waits : waits == null ? held : held + "\n" + waits;
        }

        /** True when every slot is taken and tasks wait for them. */
        public boolean saturated() {
            return !pool.waiting().isEmpty();
        }

        private String named(List<PoolSlotsDto> slots) {
            if (slots.isEmpty()) {
                return "—";
            }
            // one a line, so that each is read whole in the half-width panel; the row grows to show them
            String names = slots.stream().limit(NAMED).map(this::task).collect(Collectors.joining("\n"));
            return slots.size() > NAMED ? names + "\n+ " + (slots.size() - NAMED) + " more" : names;
        }

        private String inFull(List<PoolSlotsDto> slots, String verb) {
            if (slots.isEmpty()) {
                return null;
            }
            return slots.stream()
                    .map(entry -> task(entry) + " · run " + entry.runId() + " · " + verb + " " + entry.slots()
                            + (entry.slots() == 1 ? " slot" : " slots") + " · on " + entry.agentId())
                    .collect(Collectors.joining("\n"));
        }

        /** {@code pipeline / task}; the run's id in place of its pipeline when the console has not read the run. */
        private String task(PoolSlotsDto entry) {
            return pipelines.getOrDefault(entry.runId(), entry.runId()) + " / " + entry.taskId();
        }
    }

    private final ObservableList<AgentSession> sessions;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();

    public PoolsModel(ObservableList<AgentSession> sessions) {
        this.sessions = sessions;
        SharedHistories.watch(sessions, session -> List.of(session.pools(), session.runs()), this::rebuild);
        rebuild();
    }

    private void rebuild() {
        // the runs holding a pool's slots are recent (running or queued): the sessions' recent runs name their
        // pipelines;
        // agents of one cluster share their runs, so any session's list will do
        Map<String, String> pipelines = new HashMap<>();
        sessions.forEach(session -> session.runs().forEach(run -> pipelines.put(run.runId(), run.pipelineId())));
        List<Row> all = new ArrayList<>();
        SharedHistories.onePerHistory(sessions)
                .forEach(session -> session.pools().forEach(pool -> all.add(new Row(session.name(), pool, pipelines))));
        rows.setAll(all);
    }

    /** The pools, in the order each agent lists them (the declared ones first, in file order). */
    public ObservableList<Row> rows() {
        return rows;
    }
}
