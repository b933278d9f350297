/**
 * The HTTP API's answers as records ({@code RunDto}, {@code TaskDto}, {@code AttemptDto}, {@code RunEventDto},
 * {@code ErrorDto}), in the field names and formats the API writes, so that the agent, the {@code orchestrator}
 * command and the console read one definition. Plain data with Jackson annotations: no HTTP server or client,
 * no store, no engine.
 */
package dev.orchestrator.api;
