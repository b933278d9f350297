package dev.orchestrator.dag;

import java.util.List;

/** Thrown when an order is asked of a graph that has a cycle; the message prints the cycle as a path. */
public final class CycleException extends IllegalStateException {

    private final transient List<String> cycle;

    public CycleException(List<String> cycle) {
        super("the tasks form a cycle: " + String.join(" -> ", cycle)
                + "; remove one of these depends_on entries to break it");
        this.cycle = List.copyOf(cycle);
    }

    public List<String> cycle() {
        return cycle;
    }
}
