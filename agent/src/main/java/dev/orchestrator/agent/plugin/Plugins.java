package dev.orchestrator.agent.plugin;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.agent.connector.ConnectorRegistry;
import dev.orchestrator.agent.connector.builtin.BuiltinConnectors;
import dev.orchestrator.connector.HookHandler;
import dev.orchestrator.diagnostic.Diagnostic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the plugins directory held: connector classes, hook handlers by name, and the problems found (a JAR
 * that does not load, a source file that does not compile), which never stop the agent.
 */
public record Plugins(List<Class<?>> connectors, Map<String, HookHandler> hooks, List<Diagnostic> problems) {

    public Plugins {
        connectors = List.copyOf(connectors);
        hooks = Map.copyOf(hooks);
        problems = List.copyOf(problems);
    }

    public static Plugins none() {
        return new Plugins(List.of(), Map.of(), List.of());
    }

    /** The connector types an agent has with these plugins: the built-ins, then the plugins'. */
    public ConnectorRegistry registry(ObjectMapper json) {
        List<Class<?>> classes = new ArrayList<>(BuiltinConnectors.classes());
        classes.addAll(connectors);
        return ConnectorRegistry.of(classes, hooks.keySet(), json);
    }
}
