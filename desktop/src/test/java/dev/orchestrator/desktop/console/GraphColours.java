package dev.orchestrator.desktop.console;

import dev.orchestrator.desktop.graph.DagView;
import java.util.HashMap;
import java.util.Map;
import javafx.geometry.BoundingBox;
import javafx.geometry.Point2D;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import javafx.scene.paint.Color;
import org.testfx.api.FxRobot;

/** What colour a node of the graph has on screen, read from the pixels, as a user sees it. */
final class GraphColours {

    private GraphColours() {}

    static Point2D centre(FxRobot robot, DagView graph, String nodeId) {
        Point2D inScene;
        try {
            inScene = org.testfx.util.WaitForAsyncUtils.asyncFx(() -> graph.nodeCenterInScene(nodeId))
                    .get(5, java.util.concurrent.TimeUnit.SECONDS)
                    .orElseThrow(() -> new AssertionError("node " + nodeId + " is not in view"));
        } catch (Exception e) {
            throw new AssertionError("cannot find node " + nodeId + " on screen", e);
        }
        var window = graph.getScene().getWindow();
        return new Point2D(
                window.getX() + graph.getScene().getX() + inScene.getX(),
                window.getY() + graph.getScene().getY() + inScene.getY());
    }

    /** The most frequent colour in a small square around the node's centre: its fill, not its label. */
    static Color at(FxRobot robot, DagView graph, String nodeId) {
        Point2D centre = centre(robot, graph, nodeId);
        Image image = robot.capture(new BoundingBox(centre.getX() - 10, centre.getY() - 10, 21, 21))
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

    static boolean isGreen(Color colour) {
        return colour.getSaturation() > 0.15 && colour.getHue() > 80 && colour.getHue() < 170;
    }

    static boolean isRed(Color colour) {
        return colour.getSaturation() > 0.15 && (colour.getHue() < 20 || colour.getHue() > 340);
    }
}
