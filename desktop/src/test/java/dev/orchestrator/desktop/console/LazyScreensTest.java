package dev.orchestrator.desktop.console;

import static dev.orchestrator.desktop.console.ConsoleHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.desktop.pipelines.PipelinesModel;
import dev.orchestrator.testsupport.IntegrationTest;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TableView;
import javafx.scene.web.WebView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The screens the window builds only when they are first opened (the first window shows the dashboard alone): opened
 * after the agent was read and after the theme changed, each shows what it would have shown had it been built with
 * the window.
 */
@IntegrationTest
@ExtendWith(ApplicationExtension.class)
class LazyScreensTest {

    @RegisterExtension
    final ConsoleHarness harness = new ConsoleHarness("""
                pipelines:
                  - id: nightly
                    name: Nightly
                    tasks:
                      - { id: extract, connector: shell, action: run, action_kwargs: { command: "true" } }
                """);

    @Start
    void start(Stage stage) throws Exception {
        harness.show(stage);
    }

    @Test
    void a_screen_first_opened_after_the_agent_was_read_shows_its_pipelines(FxRobot robot) {
        await(
                "the agent's pipelines in the session",
                () -> WaitForAsyncUtils.asyncFx(() ->
                                !harness.workspace.sessions().get(0).pipelines().isEmpty())
                        .get(5, TimeUnit.SECONDS));

        robot.clickOn("#nav-pipelines");

        TableView<PipelinesModel.Item> table = robot.lookup("#pipelines-table").queryTableView();
        await("the pipeline in the table", () -> table.getItems().size() == 1);
        assertThat(table.getItems().get(0).pipeline().id()).isEqualTo("nightly");
        assertThat(robot.lookup("#nav-pipelines")
                        .queryAs(javafx.scene.control.ToggleButton.class)
                        .isSelected())
                .isTrue();
    }

    @Test
    void the_editor_first_opened_after_switching_to_dark_is_dark(FxRobot robot) {
        robot.clickOn("#theme");
        robot.clickOn("#nav-editor");

        WebView web = robot.lookup("#code-editor")
                .lookup((javafx.scene.Node node) -> node instanceof WebView)
                .queryAs(WebView.class);
        await(
                "the code pane in the dark theme",
                () -> "dark"
                        .equals(WaitForAsyncUtils.asyncFx(
                                        () -> web.getEngine().executeScript("document.body.className"))
                                .get(5, TimeUnit.SECONDS)));
    }

    @Test
    void a_console_whose_editor_was_never_opened_closes_without_asking(FxRobot robot) throws Exception {
        assertThat(WaitForAsyncUtils.asyncFx(() -> harness.window.confirmClose())
                        .get(5, TimeUnit.SECONDS))
                .isTrue();
        assertThat(robot.lookup("#code-editor").tryQuery()).isEmpty();
    }
}
