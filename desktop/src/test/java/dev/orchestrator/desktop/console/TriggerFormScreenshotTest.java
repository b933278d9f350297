package dev.orchestrator.desktop.console;

import static dev.orchestrator.desktop.console.ConsoleHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.TextField;
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
 * The trigger form of a pipeline with typed parameters (issue 22), light and dark, with one refused value shown
 * beside its field. Made alone with {@code ./mvnw -B -pl desktop -am verify -Pscreenshots
 * -Dtest=TriggerFormScreenshotTest -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=none
 * -Dfailsafe.failIfNoSpecifiedTests=false}, into {@code docs/screenshots/}.
 */
@Tag("screenshots")
@ExtendWith(ApplicationExtension.class)
class TriggerFormScreenshotTest {

    @RegisterExtension
    final ConsoleHarness harness = new ConsoleHarness(TriggerFormTest.PIPELINES);

    @Start
    void start(Stage stage) throws Exception {
        harness.show(stage);
    }

    @Test
    void theTypedTriggerFormInLightAndDark(FxRobot robot) throws Exception {
        Path directory = Screenshots.directory();
        for (String theme : new String[] {"light", "dark"}) {
            TriggerFormTest.openTheForm(robot);
            TextField limit = robot.lookup("#param-limit").queryAs(TextField.class);
            robot.doubleClickOn(limit).write("ten");
            await(
                    "the refused value's message",
                    () -> TriggerFormTest.triggerButton(robot).isDisabled());
            Node dialog = robot.lookup(".dialog-pane").query();
            Path file = directory.resolve("trigger-form-" + theme + ".png");
            Screenshots.save(dialog.getScene(), file);
            assertThat(file).exists();
            robot.clickOn(robot.lookup(".dialog-pane .button")
                    .match(node -> node instanceof Button button && "Cancel".equals(button.getText()))
                    .queryButton());
            WaitForAsyncUtils.waitForFxEvents();
            if (theme.equals("light")) {
                robot.clickOn("#theme");
            }
        }
    }
}
