package dev.orchestrator.desktop.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.testsupport.IntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.geometry.VerticalDirection;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@IntegrationTest
@ExtendWith(ApplicationExtension.class)
class DagViewTest {

    private static final List<String> IDS = List.of("a", "b", "c", "d", "e");

    private DagView view;

    @Start
    void start(Stage stage) {
        LaidOutGraph graph = new DagLayout()
                .layout(
                        IDS.stream().map(GraphNode::of).toList(),
                        List.of(
                                new GraphEdge("a", "b"),
                                new GraphEdge("a", "c"),
                                new GraphEdge("b", "d"),
                                new GraphEdge("c", "d"),
                                new GraphEdge("d", "e")));
        view = new DagView(graph);
        stage.setScene(new Scene(new StackPane(view), 800, 500));
        stage.show();
    }

    @Test
    void hasItsStyleClass() {
        assertThat(view.getStyleClass()).contains("dag-view");
    }

    @Test
    void selectsTheNodeWhoseCentreIsClickedAndClearsTheSelectionOnEmptySpace(FxRobot robot) {
        robot.clickOn(onScreen("c"), MouseButton.PRIMARY);

        assertThat(view.getSelectedNode()).isEqualTo("c");

        robot.clickOn(onFx(() -> view.localToScreen(4, 4)), MouseButton.PRIMARY);

        assertThat(view.getSelectedNode()).isNull();
    }

    @Test
    void selectsANodeFromCode() {
        onFx(() -> {
            view.select("d");
            return null;
        });
        assertThat(view.selectedNodeProperty().get()).isEqualTo("d");

        onFx(() -> {
            view.select("not-a-node");
            return null;
        });
        assertThat(view.selectedNodeProperty().get()).isNull();
    }

    @Test
    void coloursTheNodeOfAFailedTaskDifferently() {
        Color centreBefore = colourAt("b", 0);

        onFx(() -> {
            view.setState("b", "failed");
            return null;
        });

        assertThat(colourAt("b", 0)).isNotEqualTo(centreBefore);
        Color fill = colourAt("b", -0.4);
        assertThat(fill.getRed()).isGreaterThan(fill.getGreen() + 0.3);
        assertThat(view.getState("b")).contains("failed");
    }

    @Test
    void givesEachStateItsOwnColour() {
        Map<String, String> states =
                Map.of("a", "success", "b", "running", "c", "skipped", "d", "upstream_failed", "e", "queued");
        onFx(() -> {
            view.setStates(states);
            return null;
        });

        assertThat(IDS.stream().map(id -> colourAt(id, -0.4)).distinct()).hasSize(IDS.size());
    }

    @Test
    void fitBringsEveryNodeBackIntoView() {
        onFx(() -> {
            for (int i = 0; i < 6; i++) {
                view.zoomIn();
            }
            view.pan(-900, 400);
            view.fit();
            return null;
        });

        Bounds bounds = onFx(() -> view.getLayoutBounds());
        for (String id : IDS) {
            Point2D centre = onFx(() -> view.nodeCenterInLocal(id).orElseThrow());
            assertThat(bounds.contains(centre))
                    .as(id + " at " + centre + " in " + bounds)
                    .isTrue();
        }
    }

    @Test
    void zoomingInMovesNodeCentresApart() {
        double before = onFx(() -> distance("a", "e"));

        onFx(() -> {
            view.zoomIn();
            return null;
        });

        assertThat(onFx(() -> distance("a", "e"))).isGreaterThan(before * 1.2);
    }

    @Test
    void zoomsWithTheKeyboardWhenFocused(FxRobot robot) {
        robot.clickOn(onScreen("a"), MouseButton.PRIMARY);
        double before = onFx(() -> distance("a", "e"));

        robot.write('-');

        assertThat(onFx(() -> distance("a", "e"))).isLessThan(before);

        robot.write('0');

        assertThat(onFx(() -> distance("a", "e"))).isEqualTo(before);
    }

    @Test
    void zoomsWithTheMouseWheel(FxRobot robot) {
        double before = onFx(() -> distance("a", "e"));

        robot.moveTo(onScreen("d")).scroll(2, VerticalDirection.DOWN);

        assertThat(onFx(() -> distance("a", "e"))).isNotEqualTo(before);
    }

    @Test
    void pansByDragging(FxRobot robot) {
        Point2D before = onFx(() -> view.nodeCenterInLocal("a").orElseThrow());

        robot.drag(onFx(() -> view.localToScreen(8, 8)), MouseButton.PRIMARY)
                .moveBy(60, 30)
                .release(MouseButton.PRIMARY);

        Point2D after = onFx(() -> view.nodeCenterInLocal("a").orElseThrow());
        assertThat(after.getX() - before.getX()).isBetween(50.0, 70.0);
        assertThat(after.getY() - before.getY()).isBetween(20.0, 40.0);
        assertThat(view.getSelectedNode()).isNull();
    }

    @Test
    void paintsTheBackgroundOfTheDarkTheme() {
        Color light = onFx(() -> snapshot().getPixelReader().getColor(2, 2));

        onFx(() -> {
            view.setDarkTheme(true);
            return null;
        });

        Color dark = onFx(() -> snapshot().getPixelReader().getColor(2, 2));
        assertThat(light.getBrightness()).isGreaterThan(0.9);
        assertThat(dark.getBrightness()).isLessThan(0.2);
    }

    private double distance(String first, String second) {
        return view.nodeCenterInLocal(first)
                .orElseThrow()
                .distance(view.nodeCenterInLocal(second).orElseThrow());
    }

    private Point2D onScreen(String id) {
        return onFx(() -> view.localToScreen(view.nodeCenterInLocal(id).orElseThrow()));
    }

    /**
     * The colour drawn at the node's centre moved by {@code widths} of its box width; the label is centred, so
     * -0.4 is where only the box's fill is.
     */
    private Color colourAt(String id, double widths) {
        return onFx(() -> {
            WritableImage image = snapshot();
            Point2D centre = view.nodeCenterInLocal(id).orElseThrow();
            double boxWidth = view.getGraph().node(id).orElseThrow().width()
                    * view.zoomProperty().get();
            return image.getPixelReader().getColor((int) (centre.getX() + widths * boxWidth), (int) centre.getY());
        });
    }

    private WritableImage snapshot() {
        return view.snapshot(null, null);
    }

    private static <T> T onFx(Callable<T> work) {
        try {
            return WaitForAsyncUtils.asyncFx(work).get();
        } catch (Exception failed) {
            throw new AssertionError(failed);
        }
    }
}
