package dev.orchestrator.connector;

import java.util.List;
import java.util.Optional;

/** A connector type and the actions it offers. */
public record ConnectorDescriptor(String type, List<ActionDescriptor> actions) {

    public ConnectorDescriptor {
        actions = List.copyOf(actions);
    }

    public Optional<ActionDescriptor> action(String name) {
        return actions.stream().filter(action -> action.name().equals(name)).findFirst();
    }

    public List<String> actionNames() {
        return actions.stream().map(ActionDescriptor::name).toList();
    }
}
