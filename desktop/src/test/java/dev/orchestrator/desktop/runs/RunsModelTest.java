package dev.orchestrator.desktop.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.desktop.session.AgentSession;
import dev.orchestrator.desktop.session.LiveAgent;
import dev.orchestrator.desktop.session.RunRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;

/** The runs of every agent, newest first, the filter, and opening one, read from a real agent. */
class RunsModelTest {

    private static final String PIPELINES = """
            pipelines:
              - id: loads
                tasks:
                  - { id: load, connector: shell, action: run, action_kwargs: { command: "true" } }
              - id: breaks
                tasks:
                  - { id: explode, connector: shell, action: run, retry: { times: 0 }, action_kwargs: { command: "false" } }
            """;

    @Test
    void listsTheRunsNewestFirstFiltersThemAndOpensOne() throws Exception {
        try (LiveAgent agent = new LiveAgent(Map.of("pipelines.yaml", PIPELINES))) {
            AgentSession session = agent.session("prod");
            List<RunRef> opened = new ArrayList<>();
            ObservableList<AgentSession> sessions = FXCollections.observableArrayList();
            RunsModel model = new RunsModel(
                    sessions,
                    opened::add,
                    (action, planned, skipped) -> {
                        throw new AssertionError("nothing is cancelled or retried here");
                    },
                    message -> {});
            String loaded = session.client().trigger("loads", Map.of());
            agent.agent().executor().await(loaded, java.time.Duration.ofSeconds(20));
            String broken = session.client().trigger("breaks", Map.of());
            agent.agent().executor().await(broken, java.time.Duration.ofSeconds(20));

            sessions.add(session);
            session.refresh();

            assertThat(model.shown()).extracting(row -> row.run().runId()).containsExactly(broken, loaded);
            assertThat(model.shown()).extracting(RunsModel.Row::shownAgent).containsOnly("prod");

            model.filterProperty().set("FAILED");
            assertThat(model.shown()).extracting(row -> row.run().pipelineId()).containsExactly("breaks");
            model.filterProperty().set("loads");
            assertThat(model.shown()).extracting(row -> row.run().status()).containsExactly("success");

            model.open(model.shown().get(0));

            assertThat(opened).containsExactly(new RunRef("prod", loaded));

            sessions.remove(session);
            assertThat(model.shown()).isEmpty();
        }
    }

    @Test
    void retriesTheSelectedRunsTheDryRunPlannedOnceConfirmedAndLeavesTheSuccessAlone() throws Exception {
        try (LiveAgent agent = new LiveAgent(Map.of("pipelines.yaml", PIPELINES))) {
            AgentSession session = agent.session("prod");
            List<String> failed = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                failed.add(session.client().trigger("breaks", Map.of()));
                agent.agent().executor().await(failed.get(i), java.time.Duration.ofSeconds(20));
            }
            String loaded = session.client().trigger("loads", Map.of());
            agent.agent().executor().await(loaded, java.time.Duration.ofSeconds(20));
            List<String> asked = new ArrayList<>();
            boolean[] confirm = {false};
            List<String> reported = new ArrayList<>();
            RunsModel model = new RunsModel(
                    FXCollections.observableArrayList(session),
                    ref -> {},
                    (action, planned, skipped) -> {
                        asked.add(action + " "
                                + planned.stream().map(run -> run.runId()).toList() + " leaving "
                                + skipped.stream()
                                        .map(run -> run.runId() + " " + run.reason())
                                        .toList());
                        return confirm[0];
                    },
                    reported::add);
            session.refresh();
            model.select(List.copyOf(model.shown()));
            assertThat(model.selection()).hasSize(4);

            model.retrySelected();

            assertThat(asked)
                    .singleElement()
                    .asString()
                    .startsWith("retry " + List.of(failed.get(2), failed.get(1), failed.get(0)) + " leaving [" + loaded
                            + " ");
            assertThat(session.client()
                            .runs(Map.of("pipeline", "breaks"), 1, 50)
                            .total())
                    .as("not confirmed: nothing done")
                    .isEqualTo(3);

            confirm[0] = true;
            model.retrySelected();

            var runs =
                    session.client().runs(Map.of("pipeline", "breaks"), 1, 50).items();
            assertThat(runs).hasSize(6);
            assertThat(runs.stream().map(run -> run.parentRunId()).filter(java.util.Objects::nonNull))
                    .containsExactlyInAnyOrderElementsOf(failed);
            assertThat(reported).contains("Retry 3 runs on prod: 3 done");
            assertThat(model.selection())
                    .as("the runs selected stay selected while new ones arrive")
                    .extracting(row -> row.run().runId())
                    .containsExactlyInAnyOrderElementsOf(
                            java.util.stream.Stream.concat(failed.stream(), java.util.stream.Stream.of(loaded))
                                    .toList());
        }
    }
}
