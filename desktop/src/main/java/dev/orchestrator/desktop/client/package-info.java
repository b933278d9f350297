/**
 * The agent's HTTP API as the console calls it: {@code AgentClient} (requests with the token, errors as
 * {@code AgentException} that say what to do), the event stream ({@code EventStream}, SSE with reconnect), and the
 * records read from the answers.
 */
package dev.orchestrator.desktop.client;
