package dev.orchestrator.desktop.console;

import static dev.orchestrator.desktop.console.ConsoleHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.desktop.pipelines.PipelinesModel;
import dev.orchestrator.desktop.run.RunDetailView;
import dev.orchestrator.testsupport.IntegrationTest;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Issue 19 in the console, against a real agent: a {@code pipeline:} task's detail links to the child run it
 * started, and the child run's header links back to the run that called it.
 */
@IntegrationTest
@ExtendWith(ApplicationExtension.class)
class PipelineCallLinksTest {

    @RegisterExtension
    final ConsoleHarness harness = new ConsoleHarness("""
                pipelines:
                  - id: nightly
                    tasks:
                      - { id: refresh_dims, pipeline: dimensions_refresh, params: { day: "2026-01-02" } }
                  - id: dimensions_refresh
                    params: { day: "" }
                    tasks:
                      - { id: refresh, connector: shell, action: run, action_kwargs: { command: "true" } }
                """);

    @Start
    void start(Stage stage) throws Exception {
        harness.show(stage);
    }

    private RunDetailView triggerNightly(FxRobot robot) {
        robot.clickOn("#nav-pipelines");
        TableView<PipelinesModel.Item> table = robot.lookup("#pipelines-table").queryTableView();
        await("the pipelines to load", () -> table.getItems().size() == 2);
        robot.clickOn(robot.lookup(node ->
                        node instanceof javafx.scene.control.TableCell<?, ?> cell && "nightly".equals(cell.getText()))
                .queryAs(javafx.scene.Node.class));
        robot.clickOn("#trigger");
        robot.clickOn(robot.lookup(".dialog-pane .button")
                .match(node -> node instanceof javafx.scene.control.Button button && "Trigger".equals(button.getText()))
                .queryButton());
        await("the run to open", () -> harness.window.runDetail() != null);
        return harness.window.runDetail();
    }

    @Test
    void aCallingTaskLinksToItsChildRunAndTheChildLinksBack(FxRobot robot) throws Exception {
        RunDetailView parent = triggerNightly(robot);
        String parentId = parent.model().runId();
        await(
                "the call to succeed",
                () -> parent.graph().getGraph() != null
                        && parent.graph().getGraph().node("refresh_dims").isPresent()
                        && parent.graph()
                                .getState("refresh_dims")
                                .filter("success"::equals)
                                .isPresent());
        robot.clickOn(GraphColours.centre(robot, parent.graph(), "refresh_dims"));
        await(
                "the link to the child run",
                () -> robot.lookup("#child-run-link").tryQuery().isPresent());
        String childId =
                robot.lookup("#child-run-link").queryAs(Hyperlink.class).getText();
        assertThat(childId).isNotEqualTo(parentId);

        robot.clickOn("#child-run-link");

        await(
                "the child run to open",
                () -> harness.window.runDetail() != parent
                        && harness.window.runDetail().model().runId().equals(childId));
        await(
                "the link back to the caller",
                () -> robot.lookup("#caller-run-link").queryAs(Hyperlink.class).isVisible());
        assertThat(robot.lookup("#caller-run-link").queryAs(Hyperlink.class).getText())
                .isEqualTo("called by task refresh_dims of run " + parentId);
        await(
                "the child's state",
                () -> "success"
                        .equals(robot.lookup("#run-state").queryAs(Label.class).getText()));

        robot.clickOn("#caller-run-link");

        await(
                "the caller to open again",
                () -> harness.window.runDetail().model().runId().equals(parentId));
    }
}
