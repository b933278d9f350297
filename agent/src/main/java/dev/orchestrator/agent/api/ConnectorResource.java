package dev.orchestrator.agent.api;

import dev.orchestrator.agent.connector.ConnectorRegistry;
import dev.orchestrator.api.Role;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code GET /api/v1/connectors}: every connector type the agent knows (built in and plugins), its actions and
 * their parameters, for the editor's autocomplete.
 */
public final class ConnectorResource {

    private final Supplier<ConnectorRegistry> installed;

    public ConnectorResource(ConnectorRegistry connectors) {
        this(() -> connectors);
    }

    /** @param installed the connector types installed when asked (the plugins directory may change) */
    public ConnectorResource(Supplier<ConnectorRegistry> installed) {
        this.installed = installed;
    }

    public List<Route> routes() {
        return List.of(Route.get("/api/v1/connectors", request -> {
                    ConnectorRegistry connectors = installed.get();
                    return connectors.connectorTypes().stream()
                            .sorted()
                            .map(type -> connectors.connector(type).orElseThrow())
                            .toList();
                })
                .requires(Role.VIEWER));
    }
}
