package dev.orchestrator.desktop.notice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.desktop.session.AgentSession;
import dev.orchestrator.desktop.session.FakeAgent;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;

/** Each new approval and each newly missed deadline is told once, however often the agents are read. */
class NoticesModelTest {

    private static String approval(String runId, String message) {
        return """
                {"run_id":"%s","pipeline_id":"publish_numbers","task_id":"sign_off","message":"%s",
                 "waiting_since":"2026-12-07T06:00:00Z","deadline":"2026-12-08T06:00:00Z","agent_id":"a1"}""".formatted(runId, message);
    }

    private static String deadline(String scheduledFor) {
        return """
                {"pipeline_id":"daily_sales_report","scheduled_for":"%s","kind":"finish","deadline":"finish_by 07:00",
                 "due_at":"2026-12-07T07:00:00Z","run_id":"run_1","run_status":"running",
                 "situation":"still running: 3 of 6 tasks done"}""".formatted(scheduledFor);
    }

    private static String page(String... items) {
        return "{\"items\":[" + String.join(",", items) + "],\"page\":1,\"size\":100,\"total\":" + items.length + "}";
    }

    @Test
    void tellsOfEachNewApprovalOnceAndOfDeadlinesMissedAfterTheFirstRead() throws Exception {
        try (FakeAgent agent = new FakeAgent()) {
            agent.answer("/api/v1/approvals", "[" + approval("run_1", "Publish the Q3 numbers?") + "]");
            agent.answer("/api/v1/deadlines", page(deadline("2026-12-07T06:00:00Z")));
            AgentSession session = agent.session("prod");
            List<NoticesModel.Notice> told = new ArrayList<>();
            ObservableList<AgentSession> sessions = FXCollections.observableArrayList(session);
            new NoticesModel(sessions, told::add);

            session.refresh();

            assertThat(told)
                    .as("the waiting approval, not the deadline missed before the console looked")
                    .containsExactly(new NoticesModel.Notice(
                            NoticesModel.Kind.APPROVAL,
                            "Approval needed on prod",
                            "publish_numbers · sign_off: Publish the Q3 numbers?"));

            session.refresh();
            assertThat(told).as("read again: nothing new").hasSize(1);

            agent.answer(
                    "/api/v1/approvals",
                    "[" + approval("run_1", "Publish the Q3 numbers?") + "," + approval("run_2", "Publish Q4?") + "]");
            agent.answer("/api/v1/deadlines", page(deadline("2026-12-07T06:00:00Z"), deadline("2026-12-07T05:00:00Z")));
            session.refresh();
            session.refresh();

            assertThat(told).hasSize(3);
            assertThat(told.get(1).text()).isEqualTo("publish_numbers · sign_off: Publish Q4?");
            assertThat(told.get(2))
                    .isEqualTo(new NoticesModel.Notice(
                            NoticesModel.Kind.DEADLINE,
                            "Deadline missed on prod",
                            "daily_sales_report: finish_by 07:00 · still running: 3 of 6 tasks done"));

            agent.answer("/api/v1/approvals", "[" + approval("run_2", "Publish Q4?") + "]");
            session.refresh();
            assertThat(told).as("one decided: no news").hasSize(3);
        }
    }

    @Test
    void tellsOfAnApprovalOnceWhenTwoAgentsOfAClusterListIt() throws Exception {
        try (FakeAgent first = new FakeAgent();
                FakeAgent second = new FakeAgent()) {
            for (FakeAgent agent : List.of(first, second)) {
                agent.answer("/api/v1/approvals", "[" + approval("run_1", "Publish the Q3 numbers?") + "]");
            }
            AgentSession one = first.session("one");
            AgentSession two = second.session("two");
            List<NoticesModel.Notice> told = new ArrayList<>();
            new NoticesModel(FXCollections.observableArrayList(one, two), told::add);

            one.refresh();
            two.refresh();

            assertThat(told).extracting(NoticesModel.Notice::title).containsExactly("Approval needed on one");
        }
    }
}
