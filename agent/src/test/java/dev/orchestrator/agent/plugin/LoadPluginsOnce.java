package dev.orchestrator.agent.plugin;

import dev.orchestrator.connector.Connector;
import java.nio.file.Path;

/**
 * Loads a plugins directory with a cache of compiled plugins, as an agent's start or {@code orchestrator validate}
 * does, and prints what it found: run in a JVM of its own by {@link CompilerOutOfProcessTest}.
 * {@code LoadPluginsOnce PLUGINS CACHE}.
 */
final class LoadPluginsOnce {

    private LoadPluginsOnce() {}

    public static void main(String[] args) {
        Plugins loaded = new PluginLoader(Path.of(args[1]), "test").load(Path.of(args[0]));
        System.out.println("connectors: "
                + loaded.connectors().stream()
                        .map(type -> type.getAnnotation(Connector.class).value())
                        .toList());
        loaded.problems().forEach(problem -> System.out.println("problem: " + problem.toLine()));
    }
}
