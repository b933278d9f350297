/**
 * The runs screen: the latest runs of every agent, newest first, each shared run listed once, filtered by text
 * ({@code RunsModel}), shown in a table that opens one on a double-click ({@code RunsView}); the runs selected are
 * cancelled or retried together after a dry run the user confirms ({@code RunsDialogs}, {@code FxRunsDialogs}).
 */
package dev.orchestrator.desktop.runs;
