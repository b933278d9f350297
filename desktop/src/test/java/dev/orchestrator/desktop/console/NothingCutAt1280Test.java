package dev.orchestrator.desktop.console;

import static dev.orchestrator.desktop.console.ConsoleHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.desktop.client.AgentClient;
import dev.orchestrator.desktop.session.RunRef;
import dev.orchestrator.testsupport.IntegrationTest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.ListView;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 22, the texts {@link ReadableAt1280Test} left cut at 1280×800: the agents' headers, a long schedule, the
 * history's hint, an attempt's error of several lines, a log message, the missed deadlines' texts and a long problem
 * in the editor read whole (wrapped in their rows, or their first line with the whole in a tooltip).
 */
@IntegrationTest
@ExtendWith(ApplicationExtension.class)
class NothingCutAt1280Test {

    private static final String PIPELINES = """
            pipelines:
              - id: crm_contacts_export
                schedule: { type: cron, cron_expr: "30 7 * * 1-5", timezone: Europe/Berlin }
                tasks:
                  - { id: upload_sftp, connector: shell, action: run, retry: { times: 0 }, action_kwargs: { command: sh, args: ["-c", "echo connection refused: sftp.partner.example:22 >&2; exit 2"] } }
              - id: weekly_finance_close
                schedule: { type: cron, cron_expr: "0 18 * * 5", timezone: Europe/Berlin }
                tasks:
                  - { id: reconcile, connector: shell, action: run, action_kwargs: { command: "true" } }
              - id: morning_report
                schedule: { type: cron, cron_expr: "* * * * *" }
                deadline: { finish_within_seconds: 1 }
                tasks:
                  - { id: build, connector: shell, action: run, action_kwargs: { command: "sleep 30" }, timeout_seconds: 60 }
            """;

    @RegisterExtension
    final ConsoleHarness harness = new ConsoleHarness(PIPELINES);

    private AgentClient client;

    @Start
    void start(Stage stage) throws Exception {
        harness.show(stage);
        client = harness.client();
        client.pause("morning_report"); // fires only in the test of the missed deadlines
    }

    @Test
    void theAgentsHeadersTheSchedulesAndTheHistorysHintReadWhole(FxRobot robot) throws Exception {
        robot.clickOn("#nav-agents");
        TableView<?> agents = robot.lookup("#agents-table").queryTableView();
        await("the agent listed", () -> onFx(() -> agents.getItems().size() == 1));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(() -> CutTexts.under(agents))).isEmpty();

        robot.clickOn("#nav-pipelines");
        TableView<?> pipelines = robot.lookup("#pipelines-table").queryTableView();
        await("the pipelines listed", () -> onFx(() -> pipelines.getItems().size() == 3));
        WaitForAsyncUtils.waitForFxEvents();
        Node screen = onFx(() -> pipelines.getParent().getParent());
        assertThat(onFx(() -> screen.getScene().getWidth())).isEqualTo(1280);
        assertThat(onFx(() -> CutTexts.under(pipelines)))
                .as("the pipelines' columns")
                .isEmpty();
        assertThat(onFx(() -> CutTexts.under(robot.lookup("#pipeline-history").query())))
                .as("the history's hint")
                .isEmpty();
    }

    @Test
    void anAttemptsErrorAndItsLogMessagesReadWhole(FxRobot robot) throws Exception {
        String failed = client.trigger("crm_contacts_export", Map.of());
        harness.agent().executor().await(failed, Duration.ofSeconds(30));
        robot.interact(() -> harness.workspace.sessions().forEach(session -> session.refresh()));
        robot.interact(() -> harness.window.openRun(new RunRef("local", failed)));
        TableView<?> attempts = robot.lookup("#attempts").queryTableView();
        await(
                "the failed task's attempt shown",
                () -> onFx(() -> !attempts.getItems().isEmpty()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(() -> CutTexts.under(attempts)))
                .as("the attempts' columns")
                .isEmpty();
        assertThat(onFx(() -> tooltips(attempts)))
                .as("the whole error, its lines of stderr included, in the tooltip")
                .anySatisfy(tooltip -> assertThat(tooltip).contains("\n").contains("exited with code 2"));

        robot.clickOn("#nav-logs");
        robot.clickOn("#log-text").write("refused");
        robot.clickOn("#log-search");
        TableView<?> hits = robot.lookup("#log-results").queryTableView();
        await("the log lines found", () -> onFx(() -> hits.getItems().size() >= 2));
        WaitForAsyncUtils.waitForFxEvents();
        // the messages wrap in their rows; the run ids beside them are read whole too (ReadableAt1280Test)
        assertThat(onFx(() -> CutTexts.under(hits)))
                .as("the log messages and their runs")
                .isEmpty();
    }

    @Test
    void aMissedDeadlinesTextsReadWhole(FxRobot robot) throws Exception {
        OffsetDateTime since = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5);
        client.resume("morning_report");
        // the report fires at the next whole minute and misses its deadline a second later, still running
        Awaitility.await("the report's deadline missed")
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> !client.missedDeadlines(since, since.plusHours(1)).isEmpty());
        client.pause("morning_report");

        robot.clickOn("#nav-dashboard");
        robot.interact(() -> harness.workspace.sessions().forEach(session -> session.refresh()));
        TableView<?> missed = robot.lookup("#missed-deadlines").queryTableView();
        await("the missed deadline listed", () -> onFx(() -> !missed.getItems().isEmpty()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(() -> CutTexts.under(missed))).isEmpty();
        assertThat(onFx(() -> tooltips(missed))).contains("finish within 1 s");
    }

    @Test
    void aLongProblemInTheEditorWrapsInTheList(FxRobot robot) throws Exception {
        robot.clickOn("#nav-editor");
        var editor = harness.window.editor();
        await("the editor page", () -> editor.code().readyProperty().get());
        robot.interact(() -> editor.open("local", "weekly_finance_close"));
        await(
                "the pipeline checked",
                () -> editor.model().textProperty().get().contains("weekly_finance_close")
                        && editor.model().resultProperty().get() != null);
        String text = editor.model().textProperty().get();
        robot.interact(() -> editor.code()
                .typeText(text.replace(
                        "id: reconcile,", "id: reconcile, a_key_that_no_task_of_any_connector_has_ever_had: 1,")));
        await("the problem found", () -> !editor.model().diagnostics().isEmpty());
        ListView<?> problems = robot.lookup("#editor-problems").queryListView();
        await("the problem listed", () -> onFx(() -> !problems.getItems().isEmpty()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(() -> CutTexts.under(problems))).isEmpty();
        double listWidth = onFx(problems::getWidth);
        assertThat(onFx(() -> problems.lookupAll(".list-cell").stream()
                        .filter(cell -> ((javafx.scene.control.ListCell<?>) cell).getText() != null)
                        .map(cell -> cell.getLayoutBounds().getWidth())
                        .toList()))
                .as("the problems' rows no wider than the list")
                .isNotEmpty()
                .allSatisfy(width -> assertThat(width).isLessThanOrEqualTo(listWidth));
    }

    private static List<String> tooltips(TableView<?> table) {
        return table.lookupAll(".table-cell").stream()
                .map(node -> ((TableCell<?, ?>) node).getTooltip())
                .filter(tooltip -> tooltip != null && tooltip.getText() != null)
                .map(javafx.scene.control.Tooltip::getText)
                .toList();
    }

    private static <T> T onFx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(30, TimeUnit.SECONDS);
    }
}
