package dev.orchestrator.desktop.console;

import static dev.orchestrator.desktop.console.ConsoleHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.api.RunDto;
import dev.orchestrator.desktop.client.AgentClient;
import dev.orchestrator.desktop.pipelines.PipelinesModel;
import dev.orchestrator.testsupport.IntegrationTest;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Issue 22: the trigger dialog is a form built from the pipeline's typed parameters, against a real agent. */
@IntegrationTest
@ExtendWith(ApplicationExtension.class)
class TriggerFormTest {

    /** A pipeline with a parameter of each kind the form draws, and a plain one. */
    static final String PIPELINES = """
            pipelines:
              - id: typed
                params:
                  day: { type: date, default: "{{ yesterday }}", description: the day to load }
                  region: { type: string, enum: [eu, us], default: eu }
                  dry_run: { type: boolean, default: false }
                  limit: { type: integer, default: 10 }
                  plain: kept
                tasks:
                  - { id: show, connector: shell, action: run, action_kwargs: { command: "echo {{ params.limit + 1 }} {{ params.region }}" } }
            """;

    @RegisterExtension
    final ConsoleHarness harness = new ConsoleHarness(PIPELINES);

    @Start
    void start(Stage stage) throws Exception {
        harness.show(stage);
    }

    static Button triggerButton(FxRobot robot) {
        return robot.lookup(".dialog-pane .button")
                .match(node -> node instanceof Button button && "Trigger".equals(button.getText()))
                .queryButton();
    }

    static void openTheForm(FxRobot robot) {
        robot.clickOn("#nav-pipelines");
        TableView<PipelinesModel.Item> table = robot.lookup("#pipelines-table").queryTableView();
        await("the pipelines to load", () -> table.getItems().size() == 1);
        robot.clickOn(robot.lookup(node ->
                        node instanceof javafx.scene.control.TableCell<?, ?> cell && "typed".equals(cell.getText()))
                .queryAs(Node.class));
        robot.clickOn("#trigger");
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void showsAControlPerTypeAnInvalidIntegerDisablesTriggerAndAValidFormStartsTheRun(FxRobot robot) throws Exception {
        openTheForm(robot);

        assertThat(robot.lookup("#param-day").queryAs(Node.class)).isInstanceOf(DatePicker.class);
        assertThat(robot.lookup("#param-region").queryAs(Node.class)).isInstanceOf(ComboBox.class);
        assertThat(robot.lookup("#param-dry_run").queryAs(Node.class)).isInstanceOf(CheckBox.class);
        assertThat(robot.lookup("#param-limit").queryAs(Node.class)).isInstanceOf(TextField.class);
        assertThat(robot.lookup("#param-plain").queryAs(Node.class)).isInstanceOf(TextField.class);
        DatePicker day = robot.lookup("#param-day").queryAs(DatePicker.class);
        assertThat(day.getEditor().getText()).isEqualTo("{{ yesterday }}");
        assertThat(triggerButton(robot).isDisabled()).isFalse();

        TextField limit = robot.lookup("#param-limit").queryAs(TextField.class);
        robot.doubleClickOn(limit).write("abc");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(limit.getText()).isEqualTo("abc");
        assertThat(triggerButton(robot).isDisabled()).isTrue();
        assertThat(robot.lookup("#param-limit-problem").queryAs(Label.class).getText())
                .isEqualTo("expected a whole number, such as 3");

        robot.doubleClickOn(limit).write("41");
        @SuppressWarnings("unchecked")
        ComboBox<String> region = robot.lookup("#param-region").queryAs(ComboBox.class);
        robot.interact(() -> region.setValue("us"));
        robot.clickOn("#param-dry_run");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(triggerButton(robot).isDisabled()).isFalse();
        robot.clickOn(triggerButton(robot));

        AgentClient client = harness.client();
        await(
                "the run to start",
                () -> client.runs(Map.of("pipeline", "typed"), 1, 10).total() == 1);
        List<RunDto> runs = client.runs(Map.of("pipeline", "typed"), 1, 10).items();
        RunDto run = client.run(runs.get(0).runId());
        assertThat(run.params())
                .containsEntry("limit", 41)
                .containsEntry("region", "us")
                .containsEntry("dry_run", true)
                .containsEntry("plain", "kept");
        assertThat(String.valueOf(run.params().get("day"))).matches("\\d{4}-\\d{2}-\\d{2}");
    }
}
