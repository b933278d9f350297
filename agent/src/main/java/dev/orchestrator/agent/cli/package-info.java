/**
 * The {@code orchestrator} command: {@code Main} and the command tree ({@code OrchestratorCommand}), and the
 * commands that work on this machine without an agent or start one: {@code run}, {@code validate}, {@code init},
 * {@code ping}, {@code token}, with how a foreground run prints its lines and how usage errors are shown. It holds
 * the subcommands of {@code cli.remote} and {@code cli.service}, which must not know it back: what every command
 * shares lives in {@code cli.common}.
 */
package dev.orchestrator.agent.cli;
