/**
 * The commands that talk to a running agent over its HTTP API ({@code list}, {@code status}, {@code trigger},
 * {@code runs}, {@code show}, {@code logs}, {@code cancel}, {@code retry}, {@code backfill}, {@code export},
 * {@code event}, {@code fires}, {@code diagnostics}, {@code test}, ...), with their client ({@code AgentClient},
 * {@code AgentConnection}, {@code ApiPath}) and how answers are printed for people ({@code Table},
 * {@code HumanReadable}, {@code RunRows}). Knows the API's answers, never the engine or the store, and not the
 * command tree that holds these commands.
 */
package dev.orchestrator.agent.cli.remote;
