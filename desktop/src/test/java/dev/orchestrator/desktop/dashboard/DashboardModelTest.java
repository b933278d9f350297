package dev.orchestrator.desktop.dashboard;

import dev.orchestrator.desktop.session.AgentSession;
import dev.orchestrator.desktop.session.FakeAgent;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard's figures for one agent and for all together, without the toolkit. */
class DashboardModelTest {

    private static final String RUNS = """
            {"items":[
              {"run_id":"r2","pipeline_id":"%1$s","status":"failed","trigger":"schedule","logical_time":"2026-11-21T06:00Z",
               "created_at":"2026-11-21T06:00:%2$s","started_at":"2026-11-21T06:00:01Z","finished_at":"2026-11-21T06:00:05Z","params":{}},
              {"run_id":"r1","pipeline_id":"%1$s","status":"success","trigger":"api","logical_time":"2026-11-21T05:00Z",
               "created_at":"2026-11-21T05:00:00Z","started_at":"2026-11-21T05:00:01Z","finished_at":"2026-11-21T05:00:02Z","params":{}}
            ],"page":1,"size":100,"total":2}""";

    @Test
    void addsUpEveryAgentOrShowsTheOneChosen() throws Exception {
        try (FakeAgent first = new FakeAgent(); FakeAgent second = new FakeAgent()) {
            first.answer("/api/v1/stats", FakeAgent.stats(3, 1, 0, 0.75, 2000L))
                    .answer("/api/v1/runs", RUNS.formatted("load", "30Z"));
            second.answer("/api/v1/stats", FakeAgent.stats(1, 1, 1, 0.5, 8000L))
                    .answer("/api/v1/runs", RUNS.formatted("export", "10Z"));
            AgentSession one = first.session("one");
            AgentSession two = second.session("two");
            ObservableList<AgentSession> sessions = FXCollections.observableArrayList(one, two);
            DashboardModel model = new DashboardModel(sessions);

            one.refresh();
            two.refresh();

            DashboardModel.Figures all = model.figures();
            assertThat(all.runsToday()).isEqualTo(7);
            assertThat(all.failedToday()).isEqualTo(2);
            assertThat(all.successRate()).isEqualTo(4 / 6.0); // 4 of the 6 finished runs succeeded
            assertThat(all.averageDurationMs()).isEqualTo((2000 * 4 + 8000 * 2) / 6);
            assertThat(all.runsPerHour()).singleElement().satisfies(hour -> {
                assertThat(hour.runs()).isEqualTo(7);
                assertThat(hour.failed()).isEqualTo(2);
            });
            assertThat(all.lastRuns()).extracting(run -> run.agent() + "/" + run.run().pipelineId())
                    .containsExactly("one/load", "two/export", "one/load", "two/export");

            model.scopeProperty().set("two");

            assertThat(model.figures().runsToday()).isEqualTo(3);
            assertThat(model.figures().successRate()).isEqualTo(0.5);
            assertThat(model.figures().lastRuns()).allSatisfy(run -> assertThat(run.agent()).isEqualTo("two"));
        }
    }
}
