package dev.orchestrator.desktop.pipelines;

import dev.orchestrator.desktop.session.AgentSession;
import dev.orchestrator.desktop.session.FakeAgent;
import javafx.collections.FXCollections;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pipelines of all agents with their last run, the filter, and the trigger dialog's parameters. */
class PipelinesModelTest {

    @Test
    void listsEveryAgentsPipelinesWithTheirLastRunAndFilters() throws Exception {
        try (FakeAgent agent = new FakeAgent()) {
            agent.answer("/pipelines", """
                    [{"id":"nightly","name":"Nightly sales","schedule":"0 6 * * * (at 06:00)","next_run":null,
                      "status":"paused","labels":["sales"]},
                     {"id":"hourly","name":"Hourly","schedule":"every 3600 s","next_run":null,"status":"active","labels":[]}]""")
                    .answer("/api/v1/runs", """
                    {"items":[{"run_id":"r9","pipeline_id":"nightly","status":"failed","trigger":"schedule",
                      "logical_time":"2026-11-21T06:00Z","created_at":"2026-11-21T06:00Z","params":{}},
                     {"run_id":"r8","pipeline_id":"nightly","status":"success","trigger":"schedule",
                      "logical_time":"2026-11-20T06:00Z","created_at":"2026-11-20T06:00Z","params":{}}],
                     "page":1,"size":100,"total":2}""");
            AgentSession session = agent.session("prod");
            PipelinesModel model = new PipelinesModel(FXCollections.observableArrayList(session));
            session.refresh();

            assertThat(model.shown()).extracting(item -> item.pipeline().id()).containsExactly("nightly", "hourly");
            assertThat(model.shown().get(0).lastState()).isEqualTo("failed");
            assertThat(model.shown().get(1).lastRun()).isEmpty();
            assertThat(model.shown().get(0).pipeline().paused()).isTrue();

            model.filterProperty().set("SALES");
            assertThat(model.shown()).extracting(item -> item.pipeline().id()).containsExactly("nightly");
            model.filterProperty().set("prod");
            assertThat(model.shown()).hasSize(2);
            model.filterProperty().set("nothing like it");
            assertThat(model.shown()).isEmpty();
        }
    }

    @Test
    void readsParametersAsJsonWhenTheyAreAndTextOtherwise() {
        Map<String, Object> params = PipelinesModel.parseParams("""
                region = north
                limit=100
                # a comment
                dry_run=true
                day=2024-03-15
                tags=["a","b"]
                empty=
                """);
        assertThat(params).containsExactly(Map.entry("region", "north"), Map.entry("limit", 100),
                Map.entry("dry_run", true), Map.entry("day", "2024-03-15"), Map.entry("tags", List.of("a", "b")),
                Map.entry("empty", ""));
        assertThatThrownBy(() -> PipelinesModel.parseParams("region north")).hasMessageContaining("line 1")
                .hasMessageContaining("name=value");
    }
}
