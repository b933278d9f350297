package dev.orchestrator.desktop.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.desktop.session.AgentSession;
import dev.orchestrator.desktop.session.FakeAgent;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;

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
        try (FakeAgent first = new FakeAgent();
                FakeAgent second = new FakeAgent()) {
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
            assertThat(all.lastRuns())
                    .extracting(run -> run.agent() + "/" + run.run().pipelineId())
                    .containsExactly("one/load", "two/export", "one/load", "two/export");

            model.scopeProperty().set("two");

            assertThat(model.figures().runsToday()).isEqualTo(3);
            assertThat(model.figures().successRate()).isEqualTo(0.5);
            assertThat(model.figures().lastRuns())
                    .allSatisfy(run -> assertThat(run.agent()).isEqualTo("two"));
        }
    }

    @Test
    void agentsOfOneClusterShareTheirHistoryWhichCountsOnceReadThroughOneOnline() throws Exception {
        try (FakeAgent first = new FakeAgent();
                FakeAgent second = new FakeAgent();
                FakeAgent other = new FakeAgent()) {
            for (FakeAgent member : new FakeAgent[] {first, second}) {
                member.answer("/api/v1/stats", FakeAgent.stats(3, 1, 0, 0.75, 2000L))
                        .answer("/api/v1/runs", RUNS.formatted("load", "30Z"));
            }
            first.inHistory("history-of-the-cluster", "agent-1");
            second.inHistory("history-of-the-cluster", "agent-2");
            other.inHistory("history-of-a-laptop", "laptop")
                    .answer("/api/v1/stats", FakeAgent.stats(1, 1, 1, 0.5, 8000L))
                    .answer("/api/v1/runs", RUNS.formatted("export", "10Z"));
            AgentSession one = first.session("one");
            AgentSession two = second.session("two");
            AgentSession laptop = other.session("laptop");
            DashboardModel model = new DashboardModel(FXCollections.observableArrayList(one, two, laptop));

            one.refresh();
            two.refresh();
            laptop.refresh();

            assertThat(model.figures().runsToday())
                    .as("the cluster's 4 runs once, the laptop's 3")
                    .isEqualTo(7);
            assertThat(model.figures().lastRuns())
                    .extracting(run -> run.agent() + "/" + run.run().pipelineId())
                    .containsExactly("one/load", "laptop/export", "one/load", "laptop/export");

            first.stop();
            one.refresh();

            assertThat(one.healthProperty().get()).isEqualTo(dev.orchestrator.desktop.session.AgentHealth.STALE);
            assertThat(model.figures().runsToday()).isEqualTo(7);
            assertThat(model.figures().lastRuns())
                    .as("read through the member still online")
                    .extracting(DashboardModel.AgentRun::agent)
                    .containsExactly("two", "laptop", "two", "laptop");

            model.scopeProperty().set("one");
            assertThat(model.figures().runsToday())
                    .as("one agent chosen: its own figures")
                    .isEqualTo(4);
        }
    }

    private static final String MISSED = """
            {"items":[
              {"pipeline_id":"%1$s","scheduled_for":"2026-11-21T06:00Z","kind":"finish",
               "deadline":"finish_within_seconds 1800","due_at":"2026-11-21T06:%2$s:00Z","run_id":"r2",
               "run_status":"running","situation":"r2 running since 06:00","raised_at":"2026-11-21T06:30:01Z",
               "raised_by":"a1","late_finished_at":%3$s,"late_by_minutes":%4$s}
            ],"page":1,"size":100,"total":1}""";

    @Test
    void theLateTileCountsTheDeadlinesEveryAgentReportsMissedLatestFirst() throws Exception {
        try (FakeAgent first = new FakeAgent();
                FakeAgent second = new FakeAgent();
                FakeAgent older = new FakeAgent()) {
            first.answer("/api/v1/deadlines", MISSED.formatted("load", "30", "null", "null"));
            second.answer("/api/v1/deadlines", MISSED.formatted("export", "45", "\"2026-11-21T06:49:00Z\"", "4"));
            // an agent from before deadlines answers 404 there: it reports none, and stays online
            AgentSession one = first.session("one");
            AgentSession two = second.session("two");
            AgentSession old = older.session("old");
            DashboardModel model = new DashboardModel(FXCollections.observableArrayList(one, two, old));

            one.refresh();
            two.refresh();
            old.refresh();

            assertThat(model.figures().late())
                    .extracting(missed -> missed.agent() + "/" + missed.missed().pipelineId())
                    .containsExactly("two/export", "one/load");
            assertThat(model.figures().late().get(0).missed().lateByMinutes()).isEqualTo(4);
            assertThat(model.figures().late().get(1).missed().situation()).isEqualTo("r2 running since 06:00");
            assertThat(old.healthProperty().get()).isEqualTo(dev.orchestrator.desktop.session.AgentHealth.ONLINE);
        }
    }
}
