/**
 * The agents screen: the agents the console talks to with their health, add, edit, remove, and starting the
 * local agent ({@code AgentsModel}, asking through {@code AgentDialogs}, {@code FxAgentDialogs} in the console), the
 * process that starts it ({@code AgentStarter}), and the table ({@code AgentsView}).
 */
package dev.orchestrator.desktop.agents;
