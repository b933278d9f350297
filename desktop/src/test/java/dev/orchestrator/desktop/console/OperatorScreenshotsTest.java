package dev.orchestrator.desktop.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orchestrator.desktop.client.AgentClient;
import dev.orchestrator.desktop.pipelines.PipelinesModel;
import dev.orchestrator.desktop.session.RunRef;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Screenshots of the operator's views of issue 20, light and dark: a failed run compared with the last success, a
 * pipeline's History tab, and several runs selected in the runs list with the retry's confirmation. Made alone:
 * {@code ./mvnw -B -pl desktop -am verify -Pscreenshots -Dtest=OperatorScreenshotsTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=none -Dfailsafe.failIfNoSpecifiedTests=false}.
 */
@Tag("screenshots")
@ExtendWith(ApplicationExtension.class)
class OperatorScreenshotsTest {

    private static final String V1 = """
            pipelines:
              - id: daily_sales_report
                name: Daily sales report
                tasks:
                  - { id: extract_orders, connector: shell, action: run, action_kwargs: { command: sh, args: ["-c", "echo read 18204 orders; sleep 0.3"] } }
                  - { id: extract_refunds, connector: shell, action: run, action_kwargs: { command: sh, args: ["-c", "echo read 311 refunds; sleep 0.2"] } }
                  - { id: join_regions, connector: shell, action: run, depends_on: [extract_orders, extract_refunds], action_kwargs: { command: sh, args: ["-c", "sleep 0.2"] } }
                  - { id: quality_checks, connector: shell, action: run, depends_on: [join_regions], retry: { times: 0 }, action_kwargs: { command: sh, args: ["-c", "echo 7 regions"] } }
                  - { id: write_report, connector: shell, action: run, depends_on: [quality_checks], action_kwargs: { command: "true" } }
                  - { id: notify_team, connector: shell, action: run, depends_on: [write_report], action_kwargs: { command: "true" } }
            """;

    private static final String V2 = V1.replace("sleep 0.3", "sleep 0.6");

    private static final String V3 =
            V2.replace("\"echo 7 regions\"", "\"echo 'row count 0 for region emea, expected > 1000' >&2; exit 1\"");

    private static final String BREAKS = """
            pipelines:
              - id: crm_contacts_export
                name: CRM contacts export
                tasks:
                  - { id: query_contacts, connector: shell, action: run, action_kwargs: { command: "true" } }
                  - { id: upload_sftp, connector: shell, action: run, depends_on: [query_contacts], retry: { times: 0 }, action_kwargs: { command: sh, args: ["-c", "echo 'connection refused: sftp.partner.example:22' >&2; exit 2"] } }
            """;

    private static final String APPROVE = """
            pipelines:
              - id: publish_numbers
                name: Publish the quarter's numbers
                tasks:
                  - id: sign_off
                    approval: { message: "Publish the Q3 numbers? Totals are in the report of 06:00.", timeout_seconds: 86400 }
                  - { id: publish, connector: shell, action: run, action_kwargs: { command: "echo published" }, depends_on: [sign_off] }
            """;

    @RegisterExtension
    final ConsoleHarness harness =
            new ConsoleHarness(Map.of("sales.yaml", V1, "crm.yaml", BREAKS, "approve.yaml", APPROVE));

    private AgentClient client;

    @Start
    void start(Stage stage) throws Exception {
        harness.show(stage);
        client = harness.client();
    }

    private String ranToTheEnd(String pipelineId, Map<String, Object> params) throws Exception {
        String runId = client.trigger(pipelineId, params);
        harness.agent().executor().await(runId, Duration.ofSeconds(30));
        return runId;
    }

    private void save(String text) {
        client.saveSource(
                "daily_sales_report", text, client.source("daily_sales_report").version());
    }

    @Test
    void theApprovalsInboxInLightAndDark(FxRobot robot) throws Exception {
        Path directory = Screenshots.directory();
        client.trigger("publish_numbers", Map.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> client.approvals().size() == 1);
        robot.clickOn("#nav-approvals");
        robot.interact(() -> harness.workspace.sessions().forEach(session -> session.refresh()));
        TableView<?> inbox = robot.lookup("#approvals-table").queryTableView();
        await().atMost(Duration.ofSeconds(30)).until(() -> inbox.getItems().size() == 1);
        WaitForAsyncUtils.waitForFxEvents();
        inLightAndDark(harness.window.getScene(), directory, "approvals");
    }

    @Test
    void theOperatorViewsInLightAndDark(FxRobot robot) throws Exception {
        Path directory = Screenshots.directory();
        ranToTheEnd("daily_sales_report", Map.of("day", "2026-12-05"));
        save(V2);
        ranToTheEnd("daily_sales_report", Map.of("day", "2026-12-06"));
        save(V3);
        String failed = ranToTheEnd("daily_sales_report", Map.of("day", "2026-12-07"));
        for (int i = 0; i < 4; i++) {
            ranToTheEnd("crm_contacts_export", Map.of());
        }
        robot.interact(() -> harness.workspace.sessions().forEach(session -> session.refresh()));

        robot.interact(() -> harness.window.openRun(new RunRef("local", failed)));
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        !robot.lookup("#compare-last-success").queryButton().isDisabled());
        robot.clickOn("#compare-last-success");
        TableView<?> compared = robot.lookup("#compare-table").queryTableView();
        await().atMost(Duration.ofSeconds(20)).until(() -> compared.getItems().size() == 6);
        inLightAndDark(harness.window.getScene(), directory, "compare");

        robot.clickOn("#nav-pipelines");
        TableView<PipelinesModel.Item> pipelines = harness.window.pipelines().table();
        await().atMost(Duration.ofSeconds(20)).until(() -> pipelines.getItems().size() == 3);
        robot.interact(() -> pipelines.getItems().stream()
                .filter(item -> item.pipeline().id().equals("daily_sales_report"))
                .findFirst()
                .ifPresent(item -> pipelines.getSelectionModel().select(item)));
        TableView<?> history = robot.lookup("#history-table").queryTableView();
        await().atMost(Duration.ofSeconds(20)).until(() -> history.getItems().size() == 3);
        robot.interact(() -> history.getSelectionModel().clearAndSelect(2));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !robot.lookup("#history-diff")
                        .queryListView()
                        .getItems()
                        .isEmpty());
        inLightAndDark(harness.window.getScene(), directory, "history");

        robot.clickOn("#nav-runs");
        TableView<?> runs = robot.lookup("#runs-table").queryTableView();
        await().atMost(Duration.ofSeconds(20)).until(() -> runs.getItems().size() == 7);
        robot.interact(() -> runs.getSelectionModel().selectRange(0, 5));
        inLightAndDark(harness.window.getScene(), directory, "runs-bulk");
        robot.clickOn("#retry-selected");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        Node dialog = robot.lookup(".dialog-pane").query();
        inLightAndDark(dialog.getScene(), directory, "runs-bulk-confirm");
        robot.clickOn(robot.lookup(".dialog-pane .button")
                .match(node -> node instanceof Button button && "Do nothing".equals(button.getText()))
                .queryButton());
        assertThat(List.of("compare", "history", "runs-bulk", "runs-bulk-confirm"))
                .allSatisfy(name ->
                        assertThat(directory.resolve(name + "-dark.png")).exists());
    }

    /** {@code name-light.png} and {@code name-dark.png}: the theme switched as the Light / dark button does. */
    private void inLightAndDark(Scene scene, Path directory, String name) throws Exception {
        Screenshots.save(scene, directory.resolve(name + "-light.png"));
        WaitForAsyncUtils.asyncFx(() -> harness.theme.darkProperty().set(true)).get(10, TimeUnit.SECONDS);
        Screenshots.save(scene, directory.resolve(name + "-dark.png"));
        WaitForAsyncUtils.asyncFx(() -> harness.theme.darkProperty().set(false)).get(10, TimeUnit.SECONDS);
    }
}
