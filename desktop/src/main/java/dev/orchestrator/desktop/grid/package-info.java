/**
 * The run grid (issue 22): a pipeline's tasks as rows and its last runs as columns, each cell coloured by what the
 * task did in that run, drawn on one canvas with only the visible cells painted. {@link
 * dev.orchestrator.desktop.grid.GridModel} loads the agent's grid pages into an immutable {@link
 * dev.orchestrator.desktop.grid.GridMatrix}; {@link dev.orchestrator.desktop.grid.GridView} shows it. Knows nothing of
 * the window; opens a task in a run through the callback it is given.
 */
package dev.orchestrator.desktop.grid;
