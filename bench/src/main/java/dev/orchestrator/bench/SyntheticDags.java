package dev.orchestrator.bench;

import dev.orchestrator.desktop.graph.GraphEdge;
import dev.orchestrator.desktop.graph.GraphNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Task graphs of a chosen size shaped like large real pipelines: groups of chains, fan-outs, diamonds (fan-out
 * then fan-in) and tasks with random dependencies on recent earlier tasks, most groups hanging off an earlier
 * task, with ids such as {@code load_orders_0042}. The same size and seed give the same graph.
 */
final class SyntheticDags {

    private static final String[] VERBS = {
        "load", "extract", "transform", "clean", "join", "aggregate", "export", "check", "dedupe", "publish"
    };
    private static final String[] SUBJECTS = {
        "orders", "customers", "invoices", "events", "stock", "payments", "sessions", "products", "refunds", "shipments"
    };
    /** Random dependencies reach back at most this far, as tasks in one file mostly depend on their neighbours. */
    private static final int RANDOM_REACH = 150;

    /** A graph's nodes and edges. */
    record Dag(List<GraphNode> nodes, List<GraphEdge> edges) {}

    private SyntheticDags() {}

    static Dag mixed(int size, long seed) {
        Random random = new Random(seed);
        List<GraphNode> nodes = new ArrayList<>(size);
        List<GraphEdge> edges = new ArrayList<>(size * 2);
        while (nodes.size() < size) {
            int first = nodes.size();
            int count = Math.min(size - first, 5 + random.nextInt(26));
            int shape = random.nextInt(4);
            for (int k = 0; k < count; k++) {
                int index = nodes.size();
                String id = VERBS[random.nextInt(VERBS.length)]
                        + '_'
                        + SUBJECTS[random.nextInt(SUBJECTS.length)]
                        + '_'
                        + String.format("%04d", index);
                nodes.add(GraphNode.of(id));
                if (k == 0) {
                    if (first > 0 && random.nextInt(10) < 7) {
                        edges.add(new GraphEdge(nodes.get(random.nextInt(first)).id(), id));
                    }
                    continue;
                }
                switch (shape) {
                    case 0 -> edges.add(new GraphEdge(nodes.get(index - 1).id(), id));
                    case 1 -> edges.add(new GraphEdge(nodes.get(first).id(), id));
                    case 2 -> {
                        if (k < count - 1) {
                            edges.add(new GraphEdge(nodes.get(first).id(), id));
                        } else {
                            for (int middle = first + 1; middle < index; middle++) {
                                edges.add(new GraphEdge(nodes.get(middle).id(), id));
                            }
                        }
                    }
                    default -> {
                        int reach = Math.min(index, RANDOM_REACH);
                        random.ints(1 + random.nextInt(3), 0, reach)
                                .distinct()
                                .forEach(back -> edges.add(new GraphEdge(
                                        nodes.get(index - 1 - back).id(), id)));
                    }
                }
            }
        }
        return new Dag(nodes, edges);
    }
}
