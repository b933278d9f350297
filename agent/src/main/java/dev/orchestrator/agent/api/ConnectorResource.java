package dev.orchestrator.agent.api;

import dev.orchestrator.agent.connector.ConnectorRegistry;

import java.util.List;

/**
 * {@code GET /api/v1/connectors}: every connector type the agent knows (built in and plugins), its actions and
 * their parameters, for the editor's autocomplete.
 */
public final class ConnectorResource {

    private final ConnectorRegistry connectors;

    public ConnectorResource(ConnectorRegistry connectors) {
        this.connectors = connectors;
    }

    public List<Route> routes() {
        return List.of(Route.get("/api/v1/connectors", request -> connectors.connectorTypes().stream().sorted()
                .map(type -> connectors.connector(type).orElseThrow()).toList()));
    }
}
