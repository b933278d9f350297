package dev.orchestrator.connector;

import java.util.List;

/** One action (a public method) of a connector, with the parameters {@code action_kwargs} may bind. */
public record ActionDescriptor(String name, List<ParameterDescriptor> parameters) {

    public ActionDescriptor {
        parameters = List.copyOf(parameters);
    }
}
