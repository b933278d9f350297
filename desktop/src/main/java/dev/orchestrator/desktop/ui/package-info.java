/**
 * Small widgets every screen may use: the coloured state badge of runs, tasks and pipelines
 * ({@code StateBadgeCell}), the state style classes ({@code StateStyles}), a unified diff in colour
 * ({@code DiffLines}), and the scroll panes' skin without a bitmap cache the console's style sheet gives every
 * scroll pane ({@code UncachedScrollPaneSkin}). No screen's knowledge lives here.
 */
package dev.orchestrator.desktop.ui;
