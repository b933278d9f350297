package dev.orchestrator.desktop.graph;

import static dev.orchestrator.desktop.graph.NodeLook.Outline.BOLD;
import static dev.orchestrator.desktop.graph.NodeLook.Outline.DASHED;
import static dev.orchestrator.desktop.graph.NodeLook.Outline.THIN;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import javafx.scene.paint.Color;

/**
 * The colours of a DAG drawing. {@link #light()} and {@link #dark()} take their colours from GitHub's Primer
 * scales, which AtlantaFX's Primer Light and Primer Dark themes are built from, so the graph matches the rest
 * of the console. The canvas cannot look colours up in the scene's CSS, hence the copy.
 *
 * <p>Finished states are solid (green, red, grey), the states still in motion are light with a coloured
 * border, running and retrying with a bold or dashed one. The selection ring takes the text colour rather than
 * the accent, which running tasks already wear.
 */
public record DagPalette(Color background, Color edge, Color selection, Map<NodeState, NodeLook> looks) {

    public DagPalette {
        Objects.requireNonNull(background, "background");
        Objects.requireNonNull(edge, "edge");
        Objects.requireNonNull(selection, "selection");
        looks = Map.copyOf(looks);
        for (NodeState state : NodeState.values()) {
            if (!looks.containsKey(state)) {
                throw new IllegalArgumentException("The palette has no look for state '" + state.apiName()
                        + "'; give every NodeState a NodeLook.");
            }
        }
    }

    public NodeLook look(NodeState state) {
        return looks.get(state);
    }

    public static DagPalette light() {
        Map<NodeState, NodeLook> looks = new EnumMap<>(NodeState.class);
        looks.put(NodeState.PENDING, NodeLook.of("#f6f8fa", "#8c959f", "#24292f", THIN));
        looks.put(NodeState.QUEUED, NodeLook.of("#ddf4ff", "#54aeff", "#0a3069", THIN));
        looks.put(NodeState.WAITING, NodeLook.of("#fff8c5", "#bf8700", "#4d2d00", THIN));
        looks.put(NodeState.RUNNING, NodeLook.of("#b6e3ff", "#0969da", "#0a3069", BOLD));
        looks.put(NodeState.RETRYING, NodeLook.of("#ffd8b5", "#bc4c00", "#762c00", DASHED));
        looks.put(NodeState.SUCCESS, NodeLook.of("#2da44e", "#1a7f37", "#ffffff", THIN));
        looks.put(NodeState.FAILED, NodeLook.of("#cf222e", "#a40e26", "#ffffff", THIN));
        looks.put(NodeState.TIMEOUT, NodeLook.of("#bc4c00", "#953800", "#ffffff", THIN));
        looks.put(NodeState.CRASHED, NodeLook.of("#82071e", "#660018", "#ffffff", THIN));
        looks.put(NodeState.UPSTREAM_FAILED, NodeLook.of("#ffcecb", "#cf222e", "#82071e", THIN));
        looks.put(NodeState.SKIPPED, NodeLook.of("#fbefff", "#a475f9", "#512a97", DASHED));
        looks.put(NodeState.CANCELLED, NodeLook.of("#8c959f", "#6e7781", "#ffffff", THIN));
        return new DagPalette(Color.web("#ffffff"), Color.web("#8c959f"), Color.web("#24292f"), looks);
    }

    public static DagPalette dark() {
        Map<NodeState, NodeLook> looks = new EnumMap<>(NodeState.class);
        looks.put(NodeState.PENDING, NodeLook.of("#161b22", "#6e7681", "#e6edf3", THIN));
        looks.put(NodeState.QUEUED, NodeLook.of("#121d2f", "#388bfd", "#cae8ff", THIN));
        looks.put(NodeState.WAITING, NodeLook.of("#272115", "#d29922", "#f8e3a1", THIN));
        looks.put(NodeState.RUNNING, NodeLook.of("#0c2d6b", "#58a6ff", "#e6edf3", BOLD));
        looks.put(NodeState.RETRYING, NodeLook.of("#3d1e00", "#db6d28", "#ffdfb6", DASHED));
        looks.put(NodeState.SUCCESS, NodeLook.of("#238636", "#2ea043", "#ffffff", THIN));
        looks.put(NodeState.FAILED, NodeLook.of("#da3633", "#f85149", "#ffffff", THIN));
        looks.put(NodeState.TIMEOUT, NodeLook.of("#9b4215", "#db6d28", "#ffffff", THIN));
        looks.put(NodeState.CRASHED, NodeLook.of("#67060c", "#f85149", "#ffffff", THIN));
        looks.put(NodeState.UPSTREAM_FAILED, NodeLook.of("#3c1618", "#f85149", "#ffa198", THIN));
        looks.put(NodeState.SKIPPED, NodeLook.of("#271052", "#a371f7", "#d2a8ff", DASHED));
        looks.put(NodeState.CANCELLED, NodeLook.of("#484f58", "#6e7681", "#e6edf3", THIN));
        return new DagPalette(Color.web("#0d1117"), Color.web("#6e7681"), Color.web("#f0f6fc"), looks);
    }
}
