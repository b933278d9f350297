package dev.orchestrator.desktop.console;

import static dev.orchestrator.desktop.console.ConsoleHarness.await;
import static dev.orchestrator.desktop.console.FleetScreenTest.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.desktop.session.AgentHealth;
import dev.orchestrator.desktop.session.LiveAgent;
import java.nio.file.Path;
import java.util.Map;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The fleet tab, light and dark, at 1280 × 800: a pipeline drifted between two agents side by side, and a pause by
 * label across three agents, one of them down. Made alone with {@code ./mvnw -B -pl desktop -am verify -Pscreenshots
 * -Dtest=FleetScreenshotTest -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=none
 * -Dfailsafe.failIfNoSpecifiedTests=false}, into {@code docs/screenshots/}.
 */
@Tag("screenshots")
@ExtendWith(ApplicationExtension.class)
class FleetScreenshotTest {

    private ConsoleHarness harness;
    private LiveAgent staging;
    private LiveAgent laptop;

    @Start
    void start(Stage stage) throws Exception {
        harness = new ConsoleHarness(
                Map.of("load.yaml", FleetScreenTest.load("rows from v1"), "adhoc.yaml", FleetScreenTest.ADHOC));
        staging = new LiveAgent(Map.of("load.yaml", FleetScreenTest.load("rows from v2")));
        laptop = new LiveAgent(Map.of("load.yaml", FleetScreenTest.load("rows from v1")));
        harness.show(stage);
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
        staging.close();
        laptop.close();
    }

    @Test
    void driftAndAPauseByLabelInLightAndDark(FxRobot robot) throws Exception {
        Path directory = Screenshots.directory();
        var stagingProfile = staging.profile("staging");
        var laptopProfile = laptop.profile("laptop");
        robot.interact(() -> {
            harness.workspace.put(stagingProfile);
            harness.workspace.put(laptopProfile);
        });
        await(
                "three agents' pipelines",
                () -> onFx(() -> harness.workspace.sessions().size() == 3
                        && harness.workspace.sessions().stream()
                                .allMatch(session -> session.healthProperty().get() == AgentHealth.ONLINE
                                        && !session.pipelines().isEmpty())));
        laptop.stop();
        FleetScreenTest.openTheFleet(robot);
        robot.clickOn("#drift-check");
        TableView<?> diff = robot.lookup("#drift-diff").queryTableView();
        await("the texts side by side", () -> onFx(() -> !diff.getItems().isEmpty()));

        @SuppressWarnings("unchecked")
        ComboBox<String> label = robot.lookup("#fleet-label").queryAs(ComboBox.class);
        robot.interact(() -> label.setValue("nightly"));
        robot.clickOn("#fleet-pause");
        await("the confirmation", () -> robot.lookup("#fleet-plan").tryQuery().isPresent());
        robot.clickOn(robot.lookup(".dialog-pane .button")
                .match(node -> node instanceof Button button && "Pause 3 pipelines".equals(button.getText()))
                .queryButton());
        TableView<?> results = robot.lookup("#fleet-results").queryTableView();
        await("every agent's result", () -> onFx(() -> results.getItems().size() == 3));

        save(directory.resolve("fleet-light.png"));
        robot.clickOn("#theme");
        save(directory.resolve("fleet-dark.png"));
        assertThat(directory.resolve("fleet-dark.png")).exists();
    }

    private void save(Path file) throws Exception {
        Screenshots.save(harness.window.getScene(), file);
    }
}
