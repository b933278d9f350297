package dev.orchestrator.desktop.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.desktop.client.AgentClient;
import dev.orchestrator.desktop.graph.NodeState;
import dev.orchestrator.desktop.grid.GridCanvas;
import dev.orchestrator.desktop.grid.GridMatrix;
import dev.orchestrator.testsupport.IntegrationTest;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.geometry.BoundingBox;
import javafx.geometry.Point2D;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import javafx.scene.paint.Color;
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
 * Issue 22's run grid against a real agent with a small history: the cells a user sees (state colours, a map row),
 * a cell's tooltip, and a click that opens that task in that run.
 */
@IntegrationTest
@ExtendWith(ApplicationExtension.class)
class GridScreenTest {

    @RegisterExtension
    final ConsoleHarness harness = new ConsoleHarness("""
                pipelines:
                  - id: nightly
                    params: { code: 0 }
                    tasks:
                      - { id: extract, connector: shell, action: run, action_kwargs: { command: "true" } }
                      - id: load
                        depends_on: [extract]
                        retry: { times: 0 }
                        connector: shell
                        action: run
                        action_kwargs: { command: sh, args: ["-c", "echo 'disk full on /data' >&2; exit {{ params.code }}"] }
                      - id: each
                        depends_on: [extract]
                        for_each: { items: [1, 2, 3] }
                        retry: { times: 0 }
                        connector: shell
                        action: run
                        action_kwargs: { command: sh, args: ["-c", "test $1 -ne 2 || exit 3", sh, "{{ item }}"] }
                """);

    private AgentClient client;

    @Start
    void start(Stage stage) throws Exception {
        harness.show(stage);
        client = harness.client();
    }

    @Test
    void showsEachTaskInEachRunAndItsTooltipAndOpensTheTaskInThatRun(FxRobot robot) throws Exception {
        String succeeded = ranToTheEnd(Map.of());
        String failed = ranToTheEnd(Map.of("code", 5));
        robot.interact(() -> harness.workspace.sessions().forEach(session -> session.refresh()));

        robot.clickOn("#nav-grid");
        GridCanvas grid = robot.lookup("#grid-canvas").queryAs(GridCanvas.class);
        await(
                "the grid of both runs",
                () -> grid.getMatrix().columnCount() == 2 && grid.getMatrix().rowCount() == 3);
        GridMatrix matrix = grid.getMatrix();
        assertThat(matrix.run(0).runId()).isEqualTo(failed); // newest first
        assertThat(matrix.run(1).runId()).isEqualTo(succeeded);
        assertThat(matrix.task(0)).isEqualTo("extract");
        assertThat(matrix.task(1)).isEqualTo("load");
        assertThat(matrix.task(2)).isEqualTo("each");
        assertThat(matrix.isMap(2)).isTrue();
        assertThat(matrix.state(1, 0)).isEqualTo(NodeState.FAILED);
        assertThat(matrix.state(1, 1)).isEqualTo(NodeState.SUCCESS);
        assertThat(matrix.cell(2, 1).orElseThrow().items().failed()).isEqualTo(1);
        // as a user sees them: the failed load red, the successful one green
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(colourAt(robot, grid, 1, 0)).matches(GraphColours::isRed, "red");
        assertThat(colourAt(robot, grid, 1, 1)).matches(GraphColours::isGreen, "green");
        assertThat(colourAt(robot, grid, 0, 0)).matches(GraphColours::isGreen, "green");

        robot.moveTo(onScreen(grid, 1, 0));
        await("the tooltip of the failed load", () -> grid.tooltip().isShowing());
        assertThat(grid.tooltip().getText())
                .contains("load in run " + failed)
                .contains("failed · 1 attempt")
                .contains("disk full on /data");
        robot.moveTo(onScreen(grid, 2, 1));
        await(
                "the tooltip of the map",
                () -> grid.tooltip().getText().contains("3 items: 2 done, 1 failed, 0 running, 0 waiting"));

        // the failed run would open on its failed task, load: the click's task is the one selected
        robot.clickOn(onScreen(grid, 0, 0));
        await(
                "the run detail of the failed run, on extract",
                () -> harness.window.runDetail() != null
                        && harness.window.getCenter() == harness.window.runDetail()
                        && harness.window.runDetail().model().runId().equals(failed)
                        && "extract"
                                .equals(harness.window
                                        .runDetail()
                                        .model()
                                        .selectedTaskProperty()
                                        .get()));
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS); // the run's detail arrives after the selection
        assertThat(harness.window.runDetail().model().selectedTaskProperty().get())
                .isEqualTo("extract");
    }

    private String ranToTheEnd(Map<String, Object> params) throws Exception {
        String runId = client.trigger("nightly", params);
        harness.agent().executor().await(runId, Duration.ofSeconds(30));
        return runId;
    }

    private static void await(String what, Callable<Boolean> condition) {
        Awaitility.await(what)
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(20))
                .until(condition);
    }

    /** A cell's centre on the screen, scrolled into view. */
    private static Point2D onScreen(GridCanvas grid, int row, int column) throws Exception {
        Point2D inScene = WaitForAsyncUtils.asyncFx(() -> grid.cellCentreInScene(row, column))
                .get(5, TimeUnit.SECONDS)
                .orElseThrow(() -> new AssertionError("no cell " + row + ", " + column));
        var window = grid.getScene().getWindow();
        return new Point2D(
                window.getX() + grid.getScene().getX() + inScene.getX(),
                window.getY() + grid.getScene().getY() + inScene.getY());
    }

    /** The most frequent colour of a 9 × 9 square at a cell's centre. */
    private static Color colourAt(FxRobot robot, GridCanvas grid, int row, int column) throws Exception {
        Point2D centre = onScreen(grid, row, column);
        WaitForAsyncUtils.waitForFxEvents();
        Image image = robot.capture(new BoundingBox(centre.getX() - 4, centre.getY() - 4, 9, 9))
                .getImage();
        PixelReader pixels = image.getPixelReader();
        Map<Color, Integer> counts = new HashMap<>();
        for (int x = 0; x < (int) image.getWidth(); x++) {
            for (int y = 0; y < (int) image.getHeight(); y++) {
                counts.merge(pixels.getColor(x, y), 1, Integer::sum);
            }
        }
        return counts.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .orElseThrow()
                .getKey();
    }
}
