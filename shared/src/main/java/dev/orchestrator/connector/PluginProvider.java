package dev.orchestrator.connector;

import java.util.List;

/**
 * What a plugin JAR offers, found with {@link java.util.ServiceLoader}: list the implementation in
 * {@code META-INF/services/dev.orchestrator.connector.PluginProvider}. Single-file {@code .java} plugins need
 * none: their {@link Connector} and {@link Hook} classes are found directly.
 */
public interface PluginProvider {

    /** Classes annotated with {@link Connector}. */
    default List<Class<?>> connectors() {
        return List.of();
    }

    /** Classes annotated with {@link Hook} that implement {@link HookHandler}. */
    default List<Class<? extends HookHandler>> hooks() {
        return List.of();
    }
}
