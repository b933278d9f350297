package dev.orchestrator.desktop.console;

import static dev.orchestrator.desktop.console.ConsoleHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.TextField;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
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

    private ConsoleHarness harness;

    @Start
    void start(Stage stage) throws Exception {
        harness = new ConsoleHarness(TriggerFormTest.PIPELINES);
        harness.show(stage);
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @Test
    void theTypedTriggerFormInLightAndDark(FxRobot robot) throws Exception {
        Path directory = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
        Files.createDirectories(directory);
        for (String theme : new String[] {"light", "dark"}) {
            TriggerFormTest.openTheForm(robot);
            TextField limit = robot.lookup("#param-limit").queryAs(TextField.class);
            robot.doubleClickOn(limit).write("ten");
            await(
                    "the refused value's message",
                    () -> TriggerFormTest.triggerButton(robot).isDisabled());
            Node dialog = robot.lookup(".dialog-pane").query();
            Path file = directory.resolve("trigger-form-" + theme + ".png");
            save(dialog, file);
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

    private static void save(Node dialog, Path file) throws Exception {
        WaitForAsyncUtils.sleep(600, TimeUnit.MILLISECONDS); // the dialog's layout and focus settle
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> dialog.getScene().snapshot(null))
                .get(10, TimeUnit.SECONDS);
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
    }
}
