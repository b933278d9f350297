package dev.orchestrator.desktop.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DagLayoutTest {

    private final DagLayout layout = new DagLayout();

    @Test
    void laysAChainOutLeftToRight() {
        LaidOutGraph graph = layout.layout(
                nodes("extract", "transform", "load"),
                List.of(new GraphEdge("extract", "transform"), new GraphEdge("transform", "load")));

        assertThat(box(graph, "extract").maxX())
                .isLessThan(box(graph, "transform").x());
        assertThat(box(graph, "transform").maxX()).isLessThan(box(graph, "load").x());
        assertThat(box(graph, "extract").centerY()).isCloseTo(box(graph, "load").centerY(), within(0.5));
        assertEveryEdgeRunsFromItsSourceToItsTarget(graph);
    }

    @Test
    void putsTheBranchesOfAFanOutAndFanInInOneColumnBetweenTheirEnds() {
        List<GraphEdge> edges = new ArrayList<>();
        for (String branch : List.of("b1", "b2", "b3", "b4")) {
            edges.add(new GraphEdge("start", branch));
            edges.add(new GraphEdge(branch, "end"));
        }
        LaidOutGraph graph = layout.layout(nodes("start", "b1", "b2", "b3", "b4", "end"), edges);

        for (String branch : List.of("b1", "b2", "b3", "b4")) {
            assertThat(box(graph, branch).x()).isEqualTo(box(graph, "b1").x());
            assertThat(box(graph, branch).x()).isGreaterThan(box(graph, "start").maxX());
            assertThat(box(graph, branch).maxX()).isLessThan(box(graph, "end").x());
        }
        assertNoTwoBoxesOverlap(graph);
        assertEveryEdgeRunsFromItsSourceToItsTarget(graph);
    }

    @Test
    void laysADiamondOutInThreeColumns() {
        LaidOutGraph graph = layout.layout(
                nodes("a", "b", "c", "d"),
                List.of(
                        new GraphEdge("a", "b"),
                        new GraphEdge("a", "c"),
                        new GraphEdge("b", "d"),
                        new GraphEdge("c", "d")));

        assertThat(box(graph, "b").x()).isEqualTo(box(graph, "c").x());
        assertThat(box(graph, "b").y()).isNotEqualTo(box(graph, "c").y());
        assertNoTwoBoxesOverlap(graph);
        assertEveryEdgeRunsFromItsSourceToItsTarget(graph);
        assertThat(graph.edges()).extracting(EdgeRoute::from, EdgeRoute::to).hasSize(4);
    }

    @Test
    void laysAThousandMixedTasksOutWithoutOverlapsInsideTheGraphsSize() {
        List<GraphNode> nodes = new ArrayList<>();
        List<GraphEdge> edges = new ArrayList<>();
        mixedGraph(1_000, nodes, edges);

        LaidOutGraph graph = layout.layout(nodes, edges);

        assertThat(graph.nodes()).hasSize(1_000);
        assertThat(graph.edges()).hasSize(edges.size());
        assertNoTwoBoxesOverlap(graph);
        assertEveryEdgeRunsFromItsSourceToItsTarget(graph);
        for (NodeBox box : graph.nodes()) {
            assertThat(box.x()).isGreaterThanOrEqualTo(0);
            assertThat(box.y()).isGreaterThanOrEqualTo(0);
            assertThat(box.maxX()).isLessThanOrEqualTo(graph.width());
            assertThat(box.maxY()).isLessThanOrEqualTo(graph.height());
        }
    }

    @Test
    void givesTheSameGeometryForTheSameGraph() {
        List<GraphNode> nodes = new ArrayList<>();
        List<GraphEdge> edges = new ArrayList<>();
        mixedGraph(300, nodes, edges);

        assertThat(layout.layout(nodes, edges)).isEqualTo(new DagLayout().layout(nodes, edges));
    }

    @Test
    void sizesBoxesByTheirLabelBetweenAMinimumAndAMaximumWidth() {
        LaidOutGraph graph = layout.layout(
                List.of(GraphNode.of("a"), GraphNode.of("load_orders_0042"), GraphNode.of("x".repeat(200))), List.of());

        assertThat(box(graph, "a").width()).isEqualTo(DagLayout.MIN_NODE_WIDTH);
        assertThat(box(graph, "load_orders_0042").width())
                .isBetween(DagLayout.MIN_NODE_WIDTH + 1, DagLayout.MAX_NODE_WIDTH - 1);
        assertThat(box(graph, "x".repeat(200)).width()).isEqualTo(DagLayout.MAX_NODE_WIDTH);
        assertThat(graph.nodes()).allSatisfy(box -> assertThat(box.height()).isEqualTo(DagLayout.NODE_HEIGHT));
    }

    @Test
    void keepsTheGivenNodeOrderAndLabels() {
        LaidOutGraph graph = layout.layout(
                List.of(new GraphNode("z", "Zulu"), new GraphNode("a", "Alpha")), List.of(new GraphEdge("a", "z")));

        assertThat(graph.nodes())
                .extracting(NodeBox::id, NodeBox::label)
                .containsExactly(tuple("z", "Zulu"), tuple("a", "Alpha"));
    }

    @Test
    void stillDrawsACycleAndASelfLoop() {
        // the editor shows a pipeline while it is being written, before validation has rejected its cycle
        LaidOutGraph graph = layout.layout(
                nodes("a", "b", "c"),
                List.of(new GraphEdge("a", "b"), new GraphEdge("b", "a"), new GraphEdge("c", "c")));

        assertThat(graph.edges())
                .hasSize(3)
                .allSatisfy(edge -> assertThat(edge.points()).hasSizeGreaterThan(1));
        assertNoTwoBoxesOverlap(graph);
    }

    @Test
    void laysAnEmptyGraphOutAsNothing() {
        assertThat(layout.layout(List.of(), List.of())).isEqualTo(LaidOutGraph.empty());
    }

    @Test
    void rejectsAnEdgeToANodeThatIsNotInTheGraph() {
        assertThatThrownBy(() -> layout.layout(nodes("a"), List.of(new GraphEdge("a", "missing"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'missing'");
    }

    @Test
    void rejectsANodeIdGivenTwice() {
        assertThatThrownBy(() -> layout.layout(nodes("a", "a"), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'a'");
    }

    private static List<GraphNode> nodes(String... ids) {
        return Arrays.stream(ids).map(GraphNode::of).toList();
    }

    private static NodeBox box(LaidOutGraph graph, String id) {
        return graph.node(id).orElseThrow();
    }

    private static void assertNoTwoBoxesOverlap(LaidOutGraph graph) {
        List<NodeBox> boxes = graph.nodes();
        for (int i = 0; i < boxes.size(); i++) {
            for (int j = i + 1; j < boxes.size(); j++) {
                if (boxes.get(i).overlaps(boxes.get(j))) {
                    throw new AssertionError(boxes.get(i) + " overlaps " + boxes.get(j));
                }
            }
        }
    }

    /** In a left-to-right layout of a DAG, each edge leaves its source's right side and ends at its target's left. */
    private static void assertEveryEdgeRunsFromItsSourceToItsTarget(LaidOutGraph graph) {
        Map<String, NodeBox> boxes = graph.nodesById();
        for (EdgeRoute edge : graph.edges()) {
            NodeBox source = boxes.get(edge.from());
            NodeBox target = boxes.get(edge.to());
            assertThat(source.maxX()).as(edge.toString()).isLessThan(target.x());
            assertThat(edge.start().x()).as(edge.toString()).isCloseTo(source.maxX(), within(0.5));
            assertThat(edge.end().x()).as(edge.toString()).isCloseTo(target.x(), within(0.5));
            assertThat(edge.start().y()).as(edge.toString()).isBetween(source.y(), source.maxY());
            assertThat(edge.end().y()).as(edge.toString()).isBetween(target.y(), target.maxY());
        }
    }

    /** Chains, fan-outs, diamonds and random dependencies on earlier tasks, with ids like the ones people write. */
    static void mixedGraph(int size, List<GraphNode> nodes, List<GraphEdge> edges) {
        Random random = new Random(7);
        String[] verbs = {"load", "extract", "transform", "clean", "join", "export"};
        String[] subjects = {"orders", "customers", "invoices", "events", "stock", "payments"};
        while (nodes.size() < size) {
            int first = nodes.size();
            int count = Math.min(size - first, 3 + random.nextInt(8));
            int shape = random.nextInt(4);
            for (int k = 0; k < count; k++) {
                int index = nodes.size();
                String id = String.format(
                        "%s_%s_%04d",
                        verbs[random.nextInt(verbs.length)], subjects[random.nextInt(subjects.length)], index);
                nodes.add(GraphNode.of(id));
                if (k == 0) {
                    if (first > 0 && random.nextBoolean()) {
                        edges.add(new GraphEdge(nodes.get(random.nextInt(first)).id(), id));
                    }
                } else if (shape == 0) {
                    edges.add(new GraphEdge(nodes.get(index - 1).id(), id));
                } else if (shape == 1) {
                    edges.add(new GraphEdge(nodes.get(first).id(), id));
                } else if (shape == 2) {
                    edges.add(new GraphEdge(nodes.get(first).id(), id));
                    if (k == count - 1) {
                        for (int middle = first + 1; middle < index; middle++) {
                            edges.add(new GraphEdge(nodes.get(middle).id(), id));
                        }
                    }
                } else {
                    edges.add(new GraphEdge(nodes.get(random.nextInt(index)).id(), id));
                }
            }
        }
    }
}
