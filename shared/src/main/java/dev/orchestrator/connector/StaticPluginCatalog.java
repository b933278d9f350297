package dev.orchestrator.connector;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A catalog from fixed lists, for descriptions known ahead of loading and for tests. Immutable. */
public final class StaticPluginCatalog implements PluginCatalog {

    private final Map<String, ConnectorDescriptor> connectors;
    private final Set<String> hooks;

    public StaticPluginCatalog(List<ConnectorDescriptor> connectors, Set<String> hooks) {
        Map<String, ConnectorDescriptor> byType = new LinkedHashMap<>();
        connectors.forEach(connector -> byType.put(connector.type(), connector));
        this.connectors = Map.copyOf(byType);
        this.hooks = Set.copyOf(hooks);
    }

    @Override
    public Optional<ConnectorDescriptor> connector(String type) {
        return Optional.ofNullable(connectors.get(type));
    }

    @Override
    public Collection<String> connectorTypes() {
        return connectors.keySet();
    }

    @Override
    public boolean hasHook(String name) {
        return hooks.contains(name);
    }

    @Override
    public Collection<String> hookNames() {
        return hooks;
    }
}
