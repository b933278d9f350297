/**
 * {@code orchestrator service}: the agent installed, removed and reported as a system service, with systemd on
 * Linux ({@code Systemd}, {@code SystemdUnit}) and WinSW on Windows ({@code Winsw}, {@code WinswDefinition}), each
 * change first written down as a {@code Plan} that {@code --dry-run} prints, and how the running program was
 * launched ({@code LaunchCommand}). Knows neither the engine nor the command tree that holds it (it names the main
 * class rather than referencing it).
 */
package dev.orchestrator.agent.cli.service;
