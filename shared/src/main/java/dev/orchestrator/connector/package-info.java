/**
 * The plugin SPI: the {@code @Connector} and {@code @Hook} annotations, {@code HookHandler}, {@code TaskContext}
 * and {@code TaskLogger} handed to a running action, the exceptions an action may throw, {@code PluginProvider}
 * for {@link java.util.ServiceLoader}, and the descriptors and {@code PluginCatalog} through which the validator
 * and the console see what is installed. Plugin authors compile against this package alone, so it knows nothing
 * of the engine, the store, YAML or the agent.
 */
package dev.orchestrator.connector;
