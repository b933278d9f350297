package dev.orchestrator.dag;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The task graph of one pipeline: the one implementation that the validator, the executor and the console
 * share. Nodes keep their file order, which breaks every tie (ready tasks start in file order).
 *
 * <p>Edges point from a dependency to the task that needs it (the direction data flows). Dependencies on ids
 * that are not nodes are dropped; a repeated id keeps its first node. Immutable and thread-safe.
 */
public final class Dag {

    /** A node as declared: its id and the ids it depends on. */
    public record Node(String id, List<String> dependsOn) {}

    private final List<String> ids;
    private final Map<String, Integer> indexById;
    private final int[][] dependencies;
    private final int[][] dependents;

    private Dag(List<String> ids, Map<String, Integer> indexById, int[][] dependencies, int[][] dependents) {
        this.ids = ids;
        this.indexById = indexById;
        this.dependencies = dependencies;
        this.dependents = dependents;
    }

    public static Dag of(List<Node> nodes) {
        Map<String, Integer> indexById = new HashMap<>();
        List<String> ids = new ArrayList<>();
        List<Node> kept = new ArrayList<>();
        for (Node node : nodes) {
            if (indexById.putIfAbsent(node.id(), ids.size()) == null) {
                ids.add(node.id());
                kept.add(node);
            }
        }
        int size = ids.size();
        int[][] dependencies = new int[size][];
        List<List<Integer>> dependentLists = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            dependentLists.add(new ArrayList<>(2));
        }
        for (int i = 0; i < size; i++) {
            Set<Integer> unique = new LinkedHashSet<>();
            for (String dependency : kept.get(i).dependsOn()) {
                Integer index = indexById.get(dependency);
                if (index != null && unique.add(index)) {
                    dependentLists.get(index).add(i);
                }
            }
            dependencies[i] = unique.stream().mapToInt(Integer::intValue).toArray();
        }
        int[][] dependents = new int[size][];
        for (int i = 0; i < size; i++) {
            dependents[i] =
                    dependentLists.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
        return new Dag(List.copyOf(ids), Map.copyOf(indexById), dependencies, dependents);
    }

    /** Node ids in file order. */
    public List<String> ids() {
        return ids;
    }

    public int size() {
        return ids.size();
    }

    public boolean contains(String id) {
        return indexById.containsKey(id);
    }

    /** The known ids {@code id} depends on, in declared order. */
    public List<String> dependenciesOf(String id) {
        return names(dependencies[indexOf(id)]);
    }

    /** The ids that depend directly on {@code id}, in file order. */
    public List<String> dependentsOf(String id) {
        return names(dependents[indexOf(id)]);
    }

    /** Nodes without dependencies, in file order. */
    public List<String> roots() {
        List<String> roots = new ArrayList<>();
        for (int i = 0; i < dependencies.length; i++) {
            if (dependencies[i].length == 0) {
                roots.add(ids.get(i));
            }
        }
        return roots;
    }

    /** Every node that depends on {@code id}, directly or through others, in file order. */
    public List<String> downstreamOf(String id) {
        BitSet seen = new BitSet(size());
        Deque<Integer> work = new ArrayDeque<>();
        work.push(indexOf(id));
        while (!work.isEmpty()) {
            for (int dependent : dependents[work.pop()]) {
                if (!seen.get(dependent)) {
                    seen.set(dependent);
                    work.push(dependent);
                }
            }
        }
        return seen.stream().mapToObj(ids::get).toList();
    }

    /**
     * The first cycle, following edges from the nodes in file order, as a path that starts and ends with the
     * same id in the direction data flows: {@code [a, b, a]} means b depends on a and a depends on b.
     */
    public Optional<List<String>> findCycle() {
        int size = size();
        byte[] state = new byte[size]; // 0 unvisited, 1 on the current path, 2 done
        int[] nextEdge = new int[size];
        int[] path = new int[size];
        for (int start = 0; start < size; start++) {
            if (state[start] != 0) {
                continue;
            }
            int depth = 0;
            path[depth++] = start;
            state[start] = 1;
            while (depth > 0) {
                int node = path[depth - 1];
                if (nextEdge[node] < dependents[node].length) {
                    int next = dependents[node][nextEdge[node]++];
                    if (state[next] == 1) {
                        return Optional.of(cycleFrom(path, depth, next));
                    }
                    if (state[next] == 0) {
                        state[next] = 1;
                        path[depth++] = next;
                    }
                } else {
                    state[node] = 2;
                    depth--;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Every node after all of its dependencies; among nodes ready at the same moment, file order first.
     *
     * @throws CycleException when the graph has a cycle
     */
    public List<String> topologicalOrder() {
        int size = size();
        int[] waitingOn = new int[size];
        PriorityQueue<Integer> ready = new PriorityQueue<>();
        for (int i = 0; i < size; i++) {
            waitingOn[i] = dependencies[i].length;
            if (waitingOn[i] == 0) {
                ready.add(i);
            }
        }
        List<String> order = new ArrayList<>(size);
        while (!ready.isEmpty()) {
            int node = ready.poll();
            order.add(ids.get(node));
            for (int dependent : dependents[node]) {
                if (--waitingOn[dependent] == 0) {
                    ready.add(dependent);
                }
            }
        }
        if (order.size() < size) {
            throw new CycleException(findCycle().orElseThrow());
        }
        return Collections.unmodifiableList(order);
    }

    private List<String> cycleFrom(int[] path, int depth, int repeated) {
        int from = depth - 1;
        while (path[from] != repeated) {
            from--;
        }
        List<String> cycle = new ArrayList<>();
        for (int i = from; i < depth; i++) {
            cycle.add(ids.get(path[i]));
        }
        cycle.add(ids.get(repeated));
        return cycle;
    }

    private int indexOf(String id) {
        Integer index = indexById.get(id);
        if (index == null) {
            throw new IllegalArgumentException("no task '" + id + "' in this graph; tasks: " + ids);
        }
        return index;
    }

    private List<String> names(int[] indexes) {
        return Arrays.stream(indexes).mapToObj(ids::get).toList();
    }
}
