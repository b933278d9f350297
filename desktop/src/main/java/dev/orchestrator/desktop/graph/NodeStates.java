package dev.orchestrator.desktop.graph;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The task states a {@link DagView} draws, and the progress of its maps: kept by id, also for ids not (yet) in the
 * graph, and mirrored in arrays by node index so the painter looks them up without hashing.
 *
 * <p>Use on the FX thread only, like the view that owns it.
 */
final class NodeStates {

    private final Map<String, NodeState> statesById = new HashMap<>();
    private NodeState[] stateByIndex = new NodeState[0];
    private final Map<String, NodeProgress> progressById = new HashMap<>();
    private NodeProgress[] progressByIndex = new NodeProgress[0];
    private GraphGeometry geometry = GraphGeometry.EMPTY;

    /** Indexes the known states by this graph's node order. */
    void reindex(GraphGeometry newGeometry) {
        geometry = newGeometry;
        stateByIndex = new NodeState[geometry.nodeCount];
        statesById.forEach(this::putIndexedState);
        progressByIndex = new NodeProgress[geometry.nodeCount];
        progressById.forEach(this::putIndexedProgress);
    }

    /** Sets how far a map has got; {@code null} forgets it. */
    void putProgress(String nodeId, NodeProgress progress) {
        Objects.requireNonNull(nodeId, "nodeId");
        if (progress == null) {
            progressById.remove(nodeId);
        } else {
            progressById.put(nodeId, progress);
        }
        putIndexedProgress(nodeId, progress);
    }

    Optional<NodeProgress> progress(String nodeId) {
        return Optional.ofNullable(progressById.get(nodeId));
    }

    /** The progress by node index of the current graph; {@code null} where none is set. */
    NodeProgress[] progressByIndex() {
        return progressByIndex;
    }

    private void putIndexedProgress(String nodeId, NodeProgress progress) {
        int index = geometry.indexOf(nodeId);
        if (index >= 0) {
            progressByIndex[index] = progress;
        }
    }

    /**
     * Sets one task's state, spelled as the API does; {@code null} forgets it, and a state this view does not
     * know is kept as {@code pending}.
     */
    void put(String nodeId, String state) {
        Objects.requireNonNull(nodeId, "nodeId");
        NodeState parsed = state == null ? null : NodeState.fromName(state).orElse(NodeState.PENDING);
        if (parsed == null) {
            statesById.remove(nodeId);
        } else {
            statesById.put(nodeId, parsed);
        }
        putIndexedState(nodeId, parsed);
    }

    void clear() {
        statesById.clear();
        Arrays.fill(stateByIndex, null);
        progressById.clear();
        Arrays.fill(progressByIndex, null);
    }

    Optional<NodeState> get(String nodeId) {
        return Optional.ofNullable(statesById.get(nodeId));
    }

    /** The states by node index of the current graph; {@code null} where none is set. */
    NodeState[] byIndex() {
        return stateByIndex;
    }

    private void putIndexedState(String nodeId, NodeState state) {
        int index = geometry.indexOf(nodeId);
        if (index >= 0) {
            stateByIndex[index] = state;
        }
    }
}
