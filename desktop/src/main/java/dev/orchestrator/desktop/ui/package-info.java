/**
 * Small widgets every screen may use: the coloured state badge of runs, tasks and pipelines
 * ({@code StateBadgeCell}), the state style classes ({@code StateStyles}) and a unified diff in colour
 * ({@code DiffLines}). No screen's knowledge lives here.
 */
package dev.orchestrator.desktop.ui;
