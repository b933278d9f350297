package dev.orchestrator.desktop.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.api.ApprovalDto;
import dev.orchestrator.desktop.session.AgentSession;
import dev.orchestrator.desktop.session.LiveAgent;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The approvals inbox's model against a real agent: the listing, how long each has waited, and a rejection. */
class ApprovalsModelTest {

    private static final String PIPELINES = """
            pipelines:
              - id: publish_numbers
                tasks:
                  - id: sign_off
                    approval: { message: "Publish the Q3 numbers?", timeout_seconds: 3600 }
            """;

    @Test
    void listsTheWaitingApprovalSaysHowLongItWaitedAndRejectsIt() throws Exception {
        try (LiveAgent agent = new LiveAgent(Map.of("pipelines.yaml", PIPELINES))) {
            AgentSession session = agent.session("prod");
            String runId = session.client().trigger("publish_numbers", Map.of());
            Awaitility.await("the approval to wait")
                    .atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> session.client().approvals().size() == 1);
            ApprovalDto waiting = session.client().approvals().get(0);
            Clock ninetySecondsLater = Clock.fixed(
                    OffsetDateTime.parse(waiting.waitingSince()).toInstant().plusSeconds(90), ZoneOffset.UTC);
            List<String> reports = new ArrayList<>();
            ObservableList<AgentSession> sessions = FXCollections.observableArrayList(session);
            ApprovalsModel model = new ApprovalsModel(sessions, ninetySecondsLater, reports::add);

            session.refresh();

            assertThat(model.rows()).singleElement().satisfies(row -> {
                assertThat(row.agent()).isEqualTo("prod");
                assertThat(row.approval().runId()).isEqualTo(runId);
                assertThat(row.approval().message()).isEqualTo("Publish the Q3 numbers?");
                assertThat(model.waited(row)).isEqualTo(dev.orchestrator.desktop.format.Format.duration(90_000L));
            });

            model.selectedProperty().set(model.rows().get(0));
            model.commentProperty().set("numbers look wrong");
            model.reject();

            assertThat(reports).containsExactly("Reject sign_off of run " + runId + " (numbers look wrong)");
            assertThat(model.commentProperty().get()).isEmpty();
            agent.agent().executor().await(runId, Duration.ofSeconds(30));
            assertThat(session.client().run(runId).status()).isEqualTo("failed");
            assertThat(session.client().run(runId).tasks().get(0).reason())
                    .contains("rejected by home: numbers look wrong");
            session.refresh();
            assertThat(model.rows()).isEmpty();
        }
    }
}
