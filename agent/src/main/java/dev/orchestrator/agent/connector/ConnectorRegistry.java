package dev.orchestrator.agent.connector;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.connector.Connector;
import dev.orchestrator.connector.ConnectorDescriptor;
import dev.orchestrator.connector.PluginCatalog;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The connector types an agent knows, by name and alias: the built-ins and whatever plugins add. Also the
 * {@link PluginCatalog} the validator checks names against. Immutable once built; thread-safe.
 */
public final class ConnectorRegistry implements PluginCatalog {

    private final Map<String, ConnectorType> byName;
    private final Set<String> hooks;

    private ConnectorRegistry(Map<String, ConnectorType> byName, Set<String> hooks) {
        this.byName = byName;
        this.hooks = hooks;
    }

    public static ConnectorRegistry of(List<Class<?>> connectorClasses, Set<String> hooks, ObjectMapper json) {
        Map<String, ConnectorType> byName = new LinkedHashMap<>();
        for (Class<?> connectorClass : connectorClasses) {
            ConnectorType type = ConnectorType.of(connectorClass, json);
            Connector annotation = connectorClass.getAnnotation(Connector.class);
            byName.put(annotation.value(), type);
            for (String alias : annotation.aliases()) {
                byName.put(alias, type);
            }
        }
        return new ConnectorRegistry(Collections.unmodifiableMap(byName), Set.copyOf(hooks));
    }

    public Optional<ConnectorType> type(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    @Override
    public Optional<ConnectorDescriptor> connector(String type) {
        return type(type).map(found -> found.describe(type));
    }

    @Override
    public Collection<String> connectorTypes() {
        return byName.keySet();
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
