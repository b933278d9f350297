/**
 * {@code on_success} / {@code on_failure} (SPEC 4): once a run or a task has ended and its state is stored,
 * {@code trigger:<id>} starts another pipeline and {@code hook:<name>} calls a hook plugin ({@code HookRunner}).
 * Observes the engine; what a hook does or throws never changes the state it was told of.
 */
package dev.orchestrator.agent.hook;
