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
            RunsModel model = new RunsModel(sessions, opened::add);
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
}
