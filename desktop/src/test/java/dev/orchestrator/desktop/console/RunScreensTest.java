package dev.orchestrator.desktop.console;

import static dev.orchestrator.desktop.console.ConsoleHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.desktop.client.AgentClient;
import dev.orchestrator.desktop.dashboard.DashboardModel;
import dev.orchestrator.desktop.session.RunRef;
import dev.orchestrator.desktop.ui.RowActivation;
import dev.orchestrator.testsupport.IntegrationTest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The runs, the dashboard and the run detail as a new user meets them, against a real agent. */
@IntegrationTest
@ExtendWith(ApplicationExtension.class)
class RunScreensTest {

    @RegisterExtension
    final ConsoleHarness harness = new ConsoleHarness("""
                pipelines:
                  - id: slow
                    name: Slow
                    schedule: { type: cron, cron_expr: "0 3 1 1 *", max_instances: 1 }
                    tasks:
                      - { id: wait, connector: shell, action: run, action_kwargs: { command: sleep, args: ["120"] } }
                  - id: breaks
                    name: Breaks
                    tasks:
                      - { id: prepare, connector: shell, action: run, action_kwargs: { command: "true" } }
                      - { id: explode, connector: shell, action: run, depends_on: [prepare], retry: { times: 0 }, action_kwargs: { command: sh, args: ["-c", "echo kaboom >&2; exit 3"] } }
                """);

    private AgentClient client;

    @Start
    void start(Stage stage) throws Exception {
        harness.show(stage);
        client = harness.client();
    }

    private static boolean onFx(Callable<Boolean> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(30, java.util.concurrent.TimeUnit.SECONDS);
    }

    private String status(String runId) {
        return client.run(runId).status();
    }

    private String ranToTheEnd(String pipelineId) throws Exception {
        return ranToTheEnd(pipelineId, Map.of());
    }

    private String ranToTheEnd(String pipelineId, Map<String, Object> params) throws Exception {
        String runId = client.trigger(pipelineId, params);
        harness.agent().executor().await(runId, Duration.ofSeconds(30));
        return runId;
    }

    private void refresh(FxRobot robot, int runs) {
        robot.interact(() -> harness.workspace.sessions().forEach(session -> session.refresh()));
        await(
                "the console to know the runs",
                () -> harness.workspace.sessions().get(0).runs().size() == runs);
    }

    private Button dialogButton(FxRobot robot, String text) {
        return robot.lookup(".dialog-pane .button")
                .match(node -> node instanceof Button button && text.equals(button.getText()))
                .queryButton();
    }

    private boolean runDetailShows(String runId) {
        return harness.window.runDetail() != null
                && harness.window.getCenter() == harness.window.runDetail()
                && harness.window.runDetail().model().runId().equals(runId);
    }

    @Test
    void aRunningRunsDurationTicksAndCancellingItAsksFirst(FxRobot robot) throws Exception {
        String runId = client.trigger("slow", Map.of());
        await("the run to run", () -> "running".equals(status(runId)));
        robot.interact(() -> harness.window.openRun(new RunRef("local", runId)));
        await(
                "the run to load",
                () -> harness.window.runDetail().model().runProperty().get() != null);
        String first = robot.lookup("#run-summary").queryAs(Label.class).getText();

        await(
                "the duration to tick",
                () -> !robot.lookup("#run-summary")
                        .queryAs(Label.class)
                        .getText()
                        .equals(first));

        robot.clickOn("#cancel-run");
        await("the confirmation", () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        robot.clickOn(dialogButton(robot, "Keep running"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(status(runId)).as("kept running").isEqualTo("running");

        robot.clickOn("#cancel-run");
        await(
                "the confirmation again",
                () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        robot.clickOn(dialogButton(robot, "Cancel run"));

        await("the run to be cancelled", () -> "cancelled".equals(status(runId)));
        // Read on the FX thread, where the model takes the ended run and stops its clock in one step: from another
        // thread the run can be seen ended a moment before the clock is stopped.
        await(
                "the run detail to show it ended",
                () -> onFx(() -> harness.window.runDetail().model().isEnded()));
        assertThat(onFx(() -> harness.window.runDetail().model().isTicking()))
                .as("the duration stopped with the run")
                .isFalse();
    }

    @Test
    void enterOnASelectedRowOpensItInTheRunsAndDashboardTables(FxRobot robot) throws Exception {
        String runId = ranToTheEnd("breaks");
        refresh(robot, 1);

        robot.clickOn("#nav-runs");
        TableView<?> runs = robot.lookup("#runs-table").queryTableView();
        await("the run in the table", () -> runs.getItems().size() == 1);
        String zone = java.time.ZoneId.systemDefault().getId();
        assertThat(runs.getColumns().stream().map(TableColumn::getText).toList())
                .as("the zone of the times is said")
                .contains("Created (" + zone + ")");
        robot.interact(() -> runs.getSelectionModel().select(0));
        robot.clickOn(runs).type(KeyCode.ENTER);
        await("the run to open from the runs table", () -> runDetailShows(runId));

        robot.clickOn("#nav-dashboard");
        TableView<?> lastRuns = robot.lookup("#last-runs").queryTableView();
        await("the run on the dashboard", () -> lastRuns.getItems().size() == 1);
        // said once for the table, in its heading, so that its narrow columns keep their room (issue 22)
        assertThat(robot.lookup(".dashboard .card-label").queryAllAs(Label.class).stream()
                        .map(Label::getText))
                .anyMatch(heading -> heading.startsWith("Last 10 runs (" + zone + ")"));
        robot.interact(() -> lastRuns.getSelectionModel().select(0));
        robot.clickOn(lastRuns).type(KeyCode.ENTER);
        await("the run to open from the dashboard", () -> runDetailShows(runId));
    }

    @Test
    void aFailedRunOpensOnItsFailedTaskWithTheWholeErrorWrappedItsParametersAndItsAttemptsInTheLog(FxRobot robot)
            throws Exception {
        String runId = ranToTheEnd("breaks", Map.of("region", "eu"));

        robot.interact(() -> harness.window.openRun(new RunRef("local", runId)));

        await(
                "the failed task to be selected",
                () -> robot.lookup("#task-error").tryQuery().isPresent());
        assertThat(harness.window.runDetail().model().selectedTaskProperty().get())
                .isEqualTo("explode");
        assertThat(harness.window.runDetail().graph().getSelectedNode()).isEqualTo("explode");
        Label error = robot.lookup("#task-error").queryAs(Label.class);
        assertThat(error.getText())
                .startsWith("ShellCommandFailedException: kaboom")
                .contains("exited with code 3");
        assertThat(error.isWrapText()).isTrue();
        assertThat(robot.lookup("#task-state").queryAs(Label.class).getText()).isEqualTo("failed");
        assertThat(robot.lookup("#run-params").queryAs(Label.class).getText()).isEqualTo("Parameters: region=eu");

        robot.clickOn(robot.lookup(".tab-pane .tab-label")
                .match(node -> node instanceof Label label && "Log".equals(label.getText()))
                .queryAs(Label.class));
        await(
                "the attempt's separator in the log",
                () -> robot.lookup("#task-log .log-attempt").tryQuery().isPresent());
        assertThat(robot.lookup("#task-log .log-attempt")
                        .queryAs(javafx.scene.control.Labeled.class)
                        .getText())
                .isEqualTo("──── explode · attempt 1 ────");
    }

    @Test
    void theRowsOfAnAgentThatStopsAreGreyedUntilItAnswersAgain(FxRobot robot) throws Exception {
        String runId = ranToTheEnd("breaks");
        refresh(robot, 1);
        robot.clickOn("#nav-runs");
        await("the run's row", () -> rowIs(robot, runId, false));

        harness.stopAgent();

        await("the row to be greyed", () -> rowIs(robot, runId, true));

        harness.startAgent();

        await("the row to be itself again", () -> rowIs(robot, runId, false));
    }

    /**
     * The run's row shows (or not) its agent as down; false while the table has no row for it (being refilled).
     * Read on the FX thread: the table replaces its rows there, and a look from another thread while it does
     * can see a row half made (an index out of bounds).
     */
    private static boolean rowIs(FxRobot robot, String runId, boolean agentDown) throws Exception {
        return org.testfx.util.WaitForAsyncUtils.asyncFx(() -> {
                    javafx.scene.control.TableRow<?> row = row(robot, runId);
                    return row != null && row.getPseudoClassStates().contains(RowActivation.AGENT_DOWN) == agentDown;
                })
                .get(30, java.util.concurrent.TimeUnit.SECONDS);
    }

    private static javafx.scene.control.TableRow<?> row(FxRobot robot, String runId) {
        return robot.lookup("#runs-table .table-row-cell")
                .match(node -> node instanceof javafx.scene.control.TableRow<?> row
                        && row.getItem() instanceof dev.orchestrator.desktop.runs.RunsModel.Row item
                        && item.run().runId().equals(runId))
                .tryQuery()
                .map(node -> (javafx.scene.control.TableRow<?>) node)
                .orElse(null);
    }

    @Test
    void theDashboardShowsWhenARunStartedAndAQueuedRunAsQueued(FxRobot robot) throws Exception {
        String running = client.trigger("slow", Map.of());
        await("the first to run", () -> "running".equals(status(running)));
        String queued = client.trigger("slow", Map.of());
        await("the second to queue", () -> "queued".equals(status(queued)));
        refresh(robot, 2);

        robot.clickOn("#nav-dashboard");
        TableView<DashboardModel.AgentRun> lastRuns = robot.lookup("#last-runs").queryTableView();
        await("both runs on the dashboard", () -> lastRuns.getItems().size() == 2);
        @SuppressWarnings("unchecked")
        TableColumn<DashboardModel.AgentRun, String> started =
                (TableColumn<DashboardModel.AgentRun, String>) lastRuns.getColumns().stream()
                        .filter(column -> column.getText().startsWith("Started"))
                        .findFirst()
                        .orElseThrow();
        var runs = lastRuns.getItems();
        DashboardModel.AgentRun queuedRow = runs.stream()
                .filter(row -> row.run().runId().equals(queued))
                .findFirst()
                .orElseThrow();
        DashboardModel.AgentRun runningRow = runs.stream()
                .filter(row -> row.run().runId().equals(running))
                .findFirst()
                .orElseThrow();

        assertThat(started.getCellData(queuedRow)).isEqualTo("queued");
        assertThat(started.getCellData(runningRow))
                .isEqualTo(dev.orchestrator.desktop.format.Format.time(
                        runningRow.run().startedAt(),
                        java.time.ZoneId.systemDefault(),
                        java.time.LocalDate.now(java.time.ZoneId.systemDefault())));
        client.cancel(queued);
        client.cancel(running);
        await("both to end", () -> "cancelled".equals(status(running)) && "cancelled".equals(status(queued)));
    }
}
