/**
 * What every command of the {@code orchestrator} tree shares, wherever it lives: the exit codes of SPEC 8
 * ({@code ExitCodes}) and the {@code --version} text ({@code VersionProvider}). Depends on picocli alone and knows no
 * command, so the tree in {@code cli} and the subcommands in {@code cli.remote} and {@code cli.service} all use it
 * without needing each other.
 */
package dev.orchestrator.agent.cli.common;
