package dev.orchestrator.desktop.console;

import static dev.orchestrator.desktop.console.ConsoleHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.api.RunDto;
import dev.orchestrator.desktop.approvals.ApprovalsModel;
import dev.orchestrator.desktop.client.AgentClient;
import dev.orchestrator.testsupport.IntegrationTest;
import java.util.Map;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Issue 20, acceptance 8 (approvals): the inbox lists a waiting approval and approves it, against a real agent. */
@IntegrationTest
@ExtendWith(ApplicationExtension.class)
class ApprovalsInboxTest {

    @RegisterExtension
    final ConsoleHarness harness = new ConsoleHarness("""
                pipelines:
                  - id: publish_numbers
                    tasks:
                      - id: sign_off
                        approval: { message: "Publish the Q3 numbers?", timeout_seconds: 3600 }
                      - { id: publish, connector: shell, action: run, action_kwargs: { command: "echo published" }, depends_on: [sign_off] }
                """);

    private AgentClient client;

    @Start
    void start(Stage stage) throws Exception {
        harness.show(stage);
        client = harness.client();
    }

    @Test
    void theInboxShowsTheWaitingApprovalAndApprovesItWithTheComment(FxRobot robot) throws Exception {
        String runId = client.trigger("publish_numbers", Map.of());
        await("the approval to wait", () -> client.approvals().size() == 1);
        robot.clickOn("#nav-approvals");
        robot.interact(() -> harness.workspace.sessions().forEach(session -> session.refresh()));
        TableView<?> table = robot.lookup("#approvals-table").queryTableView();
        await("the inbox to list it", () -> table.getItems().size() == 1);
        ApprovalsModel.Row row = (ApprovalsModel.Row) table.getItems().get(0);
        assertThat(row.approval().message()).isEqualTo("Publish the Q3 numbers?");
        assertThat(row.approval().runId()).isEqualTo(runId);
        assertThat(row.approval().pipelineId()).isEqualTo("publish_numbers");
        assertThat(robot.lookup("#approve").queryAs(Button.class).isDisabled())
                .as("nothing selected yet")
                .isTrue();

        robot.interact(() -> table.getSelectionModel().select(0));
        robot.clickOn("#approval-comment").write("totals checked");
        robot.clickOn("#approve");

        await("the run to succeed", () -> "success".equals(client.run(runId).status()));
        RunDto run = client.run(runId);
        String output = run.tasks().stream()
                .filter(task -> task.taskId().equals("sign_off"))
                .findFirst()
                .orElseThrow()
                .output();
        JsonNode approved = new ObjectMapper().readTree(output);
        assertThat(approved.get("approved_by").asText())
                .as("the console's token: the home's")
                .isEqualTo("home");
        assertThat(approved.get("comment").asText()).isEqualTo("totals checked");
        await("the inbox to empty", () -> table.getItems().isEmpty());
    }
}
