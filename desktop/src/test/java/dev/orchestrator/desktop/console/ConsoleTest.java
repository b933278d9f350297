package dev.orchestrator.desktop.console;

import static dev.orchestrator.desktop.console.ConsoleHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.desktop.pipelines.PipelinesModel;
import dev.orchestrator.desktop.run.RunDetailView;
import dev.orchestrator.testsupport.IntegrationTest;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The console against a real agent, headless on Monocle: what a user does and sees. The agent is found
 * through its home, as on a laptop.
 */
@IntegrationTest
@ExtendWith(ApplicationExtension.class)
class ConsoleTest {

    @RegisterExtension
    final ConsoleHarness harness = new ConsoleHarness("""
                pipelines:
                  - id: two_steps
                    name: Two steps
                    tasks:
                      - { id: extract, connector: shell, action: run, action_kwargs: { command: sh, args: ["-c", "echo extracting >&2"] } }
                      - { id: load, connector: shell, action: run, depends_on: [extract], action_kwargs: { command: "true" } }
                  - id: breaks
                    name: Breaks
                    tasks:
                      - { id: prepare, connector: shell, action: run, action_kwargs: { command: "true" } }
                      - { id: explode, connector: shell, action: run, depends_on: [prepare], retry: { times: 0 }, action_kwargs: { command: sh, args: ["-c", "echo kaboom >&2; exit 3"] } }
                """);

    @Start
    void start(Stage stage) throws Exception {
        harness.show(stage);
    }

    private TableView<PipelinesModel.Item> pipelinesTable(FxRobot robot) {
        return robot.lookup("#pipelines-table").queryTableView();
    }

    private void selectPipeline(FxRobot robot, String id) throws Exception {
        robot.clickOn("#nav-pipelines");
        await("the pipelines to load", () -> pipelinesTable(robot).getItems().size() == 2);
        robot.clickOn(robot.lookup(
                        node -> node instanceof javafx.scene.control.TableCell<?, ?> cell && id.equals(cell.getText()))
                .queryAs(javafx.scene.Node.class));
    }

    private RunDetailView triggerFromPipelines(FxRobot robot, String id) throws Exception {
        selectPipeline(robot, id);
        robot.clickOn("#trigger");
        robot.clickOn(robot.lookup(".dialog-pane .button")
                .match(node -> node instanceof javafx.scene.control.Button button && "Trigger".equals(button.getText()))
                .queryButton());
        await("the run to open", () -> harness.window.runDetail() != null);
        return harness.window.runDetail();
    }

    @Test
    void aRunTriggeredFromThePipelinesScreenTurnsGreenInTheGraph(FxRobot robot) throws Exception {
        RunDetailView run = triggerFromPipelines(robot, "two_steps");

        await(
                "both nodes of the graph to turn to success",
                () -> run.graph().getGraph().node("load").isPresent()
                        && run.graph()
                                .getState("extract")
                                .filter("success"::equals)
                                .isPresent()
                        && run.graph()
                                .getState("load")
                                .filter("success"::equals)
                                .isPresent());
        await(
                "the run to show as ended",
                () -> "success"
                        .equals(robot.lookup("#run-state").queryAs(Label.class).getText()));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(GraphColours.at(robot, run.graph(), "extract")).satisfies(GraphColours::isGreen);
        assertThat(GraphColours.at(robot, run.graph(), "load")).satisfies(GraphColours::isGreen);
    }

    @Test
    void clickingAFailedNodeShowsItsStackTrace(FxRobot robot) throws Exception {
        RunDetailView run = triggerFromPipelines(robot, "breaks");
        await(
                "the failed node in the graph",
                () -> run.graph().getGraph().node("explode").isPresent()
                        && run.graph()
                                .getState("explode")
                                .filter("failed"::equals)
                                .isPresent());
        assertThat(GraphColours.at(robot, run.graph(), "explode")).satisfies(GraphColours::isRed);

        robot.clickOn(GraphColours.centre(robot, run.graph(), "explode"));

        await(
                "the stack trace",
                () -> robot.lookup("#stack-trace")
                        .queryAs(TextArea.class)
                        .getText()
                        .contains("ShellCommandFailedException"));
        assertThat(robot.lookup("#stack-trace").queryAs(TextArea.class).getText())
                .contains("\tat ");
        assertThat(robot.lookup("#task-state").queryAs(Label.class).getText()).isEqualTo("failed");
    }

    @Test
    void pausingAPipelineShowsItPaused(FxRobot robot) throws Exception {
        selectPipeline(robot, "two_steps");

        robot.clickOn("#pause");

        await(
                "the pipeline to show as paused",
                () -> pipelinesTable(robot).getItems().stream()
                        .anyMatch(item -> item.pipeline().id().equals("two_steps")
                                && item.pipeline().paused()));
        robot.clickOn("#resume");
        await(
                "the pipeline to show as active",
                () -> pipelinesTable(robot).getItems().stream()
                        .anyMatch(item -> item.pipeline().id().equals("two_steps")
                                && !item.pipeline().paused()));
    }

    @Test
    void anAgentThatStopsIsMarkedStaleAndTheConsoleReconnectsWhenItIsBack(FxRobot robot) throws Exception {
        robot.clickOn("#nav-pipelines");
        await("the pipelines to load", () -> pipelinesTable(robot).getItems().size() == 2);

        harness.stopAgent();

        // looked up on the FX thread: the scene changes while the agent stops, and a lookup from this thread can
        // walk a list of children the FX thread is replacing
        await(
                "the stale marker",
                () -> onFxThread(() -> robot.lookup("#stale-banner").query().isVisible()));
        assertThat(robot.lookup("#stale-text").queryAs(Label.class).getText())
                .contains("local")
                .contains("not answering");
        assertThat(pipelinesTable(robot).getItems()).hasSize(2); // the last known data stays

        harness.startAgent();

        await(
                "the console to reconnect",
                () -> onFxThread(() -> !robot.lookup("#stale-banner").query().isVisible()));
    }

    private static <T> T onFxThread(java.util.concurrent.Callable<T> read) throws Exception {
        return org.testfx.util.WaitForAsyncUtils.asyncFx(read).get(30, java.util.concurrent.TimeUnit.SECONDS);
    }
}
