/**
 * The agent as one program: {@code Agent}, the composition root that builds every part with {@code new}, starts
 * them in order and stops them in reverse, with what it is started with ({@code AgentConfig}), its home directory,
 * the lock that keeps one agent per home, its published endpoint and token file, its log setup, the one JSON
 * mapper and the retention job. It wires the packages below and owns no rule of theirs; none of them may need it
 * back (the command line starts it, the API and the engine are handed their collaborators).
 */
package dev.orchestrator.agent;
