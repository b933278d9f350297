package dev.orchestrator.dag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DagTest {

    private static Dag.Node node(String id, String... dependsOn) {
        return new Dag.Node(id, List.of(dependsOn));
    }

    @Test
    void ordersEveryTaskAfterItsDependenciesWithFileOrderBreakingTies() {
        Dag dag = Dag.of(
                List.of(node("load", "transform"), node("extract"), node("transform", "extract"), node("audit")));

        assertThat(dag.topologicalOrder()).containsExactly("extract", "transform", "load", "audit");
        assertThat(dag.roots()).containsExactly("extract", "audit");
        assertThat(dag.ids()).containsExactly("load", "extract", "transform", "audit");
    }

    @Test
    void reportsACycleAsAPathInTheDirectionDataFlows() {
        Dag dag = Dag.of(List.of(node("a", "c"), node("b", "a"), node("c", "b"), node("d")));

        assertThat(dag.findCycle()).contains(List.of("a", "b", "c", "a"));
        assertThatThrownBy(dag::topologicalOrder)
                .isInstanceOf(CycleException.class)
                .hasMessageContaining("a -> b -> c -> a");
    }

    @Test
    void findsNoCycleInADiamond() {
        Dag dag = Dag.of(
                List.of(node("top"), node("left", "top"), node("right", "top"), node("bottom", "left", "right")));

        assertThat(dag.findCycle()).isEmpty();
        assertThat(dag.downstreamOf("top")).containsExactly("left", "right", "bottom");
        assertThat(dag.dependentsOf("top")).containsExactly("left", "right");
        assertThat(dag.dependenciesOf("bottom")).containsExactly("left", "right");
    }

    @Test
    void aSelfDependencyIsACycleOfOne() {
        assertThat(Dag.of(List.of(node("loop", "loop"))).findCycle()).contains(List.of("loop", "loop"));
    }

    @Test
    void dropsEdgesToUnknownTasksAndKeepsTheFirstOfRepeatedIds() {
        Dag dag = Dag.of(List.of(node("a", "ghost"), node("a", "b"), node("b")));

        assertThat(dag.ids()).containsExactly("a", "b");
        assertThat(dag.dependenciesOf("a")).isEmpty();
    }

    @Test
    void handlesLongChainsWithoutRecursion() {
        List<Dag.Node> chain = new ArrayList<>();
        chain.add(node("t0"));
        for (int i = 1; i < 50_000; i++) {
            chain.add(node("t" + i, "t" + (i - 1)));
        }
        Dag dag = Dag.of(chain);

        assertThat(dag.findCycle()).isEmpty();
        assertThat(dag.topologicalOrder())
                .hasSize(50_000)
                .startsWith("t0", "t1")
                .endsWith("t49999");
    }
}
