package dev.orchestrator.connector;

import java.util.Collection;
import java.util.Optional;

/**
 * The connector types and hooks installed in an agent (built-ins and plugins), as the validator, the editor's
 * autocomplete and {@code GET /connectors} see them. Implementations must be thread-safe.
 */
public interface PluginCatalog {

    Optional<ConnectorDescriptor> connector(String type);

    /** Every type name, aliases included. */
    Collection<String> connectorTypes();

    boolean hasHook(String name);

    Collection<String> hookNames();
}
