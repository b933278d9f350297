/**
 * Small widgets every screen may use: the coloured state badge of runs, tasks and pipelines
 * ({@code StateBadgeCell}) and the state style classes ({@code StateStyles}). No screen's knowledge lives here.
 */
package dev.orchestrator.desktop.ui;
