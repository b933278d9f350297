/**
 * Connectors at run time: the registry of connector types by name and alias (built-ins and plugins), each type
 * looked at once ({@code ConnectorType}), an action called with its {@code action_kwargs} bound by name
 * ({@code ActionInvoker}), and reachability checks ({@code ConnectorPinger}). Knows the plugin SPI of
 * {@code dev.orchestrator.connector}; not the engine, the store or the API.
 */
package dev.orchestrator.agent.connector;
