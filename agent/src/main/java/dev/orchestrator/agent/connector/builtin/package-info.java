/**
 * The connectors every agent has without plugins: {@code shell}, {@code csv_file}, {@code http_api} and
 * {@code postgres}, with their helpers (command line splitting, rate limiting, named SQL parameters, subprocess
 * output lines). Written against the plugin SPI exactly as a plugin would be: no engine, store or API.
 */
package dev.orchestrator.agent.connector.builtin;
