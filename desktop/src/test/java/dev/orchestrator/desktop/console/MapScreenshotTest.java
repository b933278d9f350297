package dev.orchestrator.desktop.console;

import static dev.orchestrator.desktop.console.ConsoleHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.api.MapItemDto;
import dev.orchestrator.desktop.graph.DagView;
import dev.orchestrator.desktop.graph.NodeProgress;
import dev.orchestrator.desktop.session.RunRef;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
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
 * A map of 2,000 items in the run detail, light and dark, at 1280 × 800: its one node with its counts, and its items
 * table with a failed item opened. Made alone with {@code ./mvnw -B -pl desktop -am verify -Pscreenshots
 * -Dtest=MapScreenshotTest -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=none
 * -Dfailsafe.failIfNoSpecifiedTests=false}, into {@code docs/screenshots/}.
 */
@Tag("screenshots")
@ExtendWith(ApplicationExtension.class)
class MapScreenshotTest {

    @RegisterExtension
    final ConsoleHarness harness = new ConsoleHarness(MapItemsScreenTest.PIPELINES);

    @Start
    void start(Stage stage) throws Exception {
        harness.show(stage);
    }

    @Test
    void theMapNodeAndItsItemsInLightAndDark(FxRobot robot) throws Exception {
        Path directory = Screenshots.directory();
        String runId = harness.client().trigger("map2000", Map.of());
        harness.agent().executor().await(runId, Duration.ofMinutes(2));
        robot.interact(() -> harness.window.openRun(new RunRef("local", runId)));
        await("the run detail", () -> harness.window.runDetail() != null);
        DagView graph = harness.window.runDetail().graph();
        await(
                "the map's counts",
                () -> onFx(() -> graph.getProgress("each")
                                .map(NodeProgress::caption)
                                .orElse(""))
                        .startsWith("2,000 / 2,000"));
        robot.clickOn(GraphColours.centre(robot, graph, "each"));
        TableView<MapItemDto> table = robot.lookup("#map-items").queryTableView();
        await("the first page", () -> onFx(() -> table.getItems().size() == 100));
        robot.interact(() -> {
            table.getSelectionModel().select(7); // item 7 failed
            table.scrollTo(0);
        });
        TextArea item = robot.lookup("#item-detail").queryAs(TextArea.class);
        await("item 7's log", () -> onFx(item::getText).contains("item 7 refused"));
        save(directory.resolve("map-items-light.png"));
        robot.clickOn("#theme");
        save(directory.resolve("map-items-dark.png"));
        assertThat(directory.resolve("map-items-dark.png")).exists();
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(30, TimeUnit.SECONDS);
    }

    private void save(Path file) throws Exception {
        Screenshots.save(harness.window.getScene(), file);
    }
}
