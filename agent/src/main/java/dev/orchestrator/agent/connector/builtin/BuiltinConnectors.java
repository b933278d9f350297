package dev.orchestrator.agent.connector.builtin;

import java.util.List;

/** The connectors every agent has, without plugins. */
public final class BuiltinConnectors {

    private BuiltinConnectors() {}

    public static List<Class<?>> classes() {
        return List.of(ShellConnector.class, CsvFileConnector.class, HttpApiConnector.class, PostgresConnector.class);
    }
}
