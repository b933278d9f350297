package dev.orchestrator.agent.plugin;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.agent.connector.ConnectorRegistry;
import dev.orchestrator.connector.ConnectorDescriptor;
import dev.orchestrator.connector.HookHandler;
import dev.orchestrator.connector.PluginCatalog;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * The plugins the agent has now: loaded at start, and again when the plugins directory changes, each version
 * replacing the one before in one step. Whoever needs a stable version takes {@link #connectors()} once and keeps
 * it (a run keeps the connectors it started with); the validator sees the current one. Thread-safe.
 */
public final class InstalledPlugins implements PluginCatalog {

    private record Version(Plugins plugins, ConnectorRegistry connectors) {}

    private final PluginLoader loader;
    private final Path directory;
    private final ObjectMapper json;
    // read by runs, hooks, the API and the validator; replaced by the thread that reloads
    private volatile Version current;

    public InstalledPlugins(PluginLoader loader, Path directory, ObjectMapper json) {
        this.loader = loader;
        this.directory = directory;
        this.json = json;
        reload();
    }

    /** Loads the plugins directory again: changed files anew, the others as they were. */
    public synchronized Plugins reload() {
        Plugins plugins = loader.load(directory);
        current = new Version(plugins, plugins.registry(json));
        return plugins;
    }

    public Path directory() {
        return directory;
    }

    /** The connector types of the current version: the built-ins and the plugins'. */
    public ConnectorRegistry connectors() {
        return current.connectors();
    }

    public Map<String, HookHandler> hooks() {
        return current.plugins().hooks();
    }

    @Override
    public Optional<ConnectorDescriptor> connector(String type) {
        return connectors().connector(type);
    }

    @Override
    public Collection<String> connectorTypes() {
        return connectors().connectorTypes();
    }

    @Override
    public boolean hasHook(String name) {
        return connectors().hasHook(name);
    }

    @Override
    public Collection<String> hookNames() {
        return connectors().hookNames();
    }
}
