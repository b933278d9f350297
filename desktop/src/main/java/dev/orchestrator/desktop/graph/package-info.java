/**
 * The DAG graph used by the run detail and the editor: layout by the Eclipse Layout Kernel ({@code DagLayout},
 * {@code LaidOutGraph}), painting on a canvas with pan and zoom ({@code DagView}, {@code GraphPainter},
 * {@code Viewport}) and the colours of task states. Knows no agent and no screen.
 */
package dev.orchestrator.desktop.graph;
