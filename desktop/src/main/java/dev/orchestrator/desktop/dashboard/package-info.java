/**
 * The dashboard screen: today's figures, runs per hour, the latest runs and the next fires, for every agent
 * together or one chosen, and the shared pools; {@code DashboardModel} computes them, {@code DashboardView} draws
 * them, {@code PoolsModel} and {@code PoolsPanel} the pools.
 */
package dev.orchestrator.desktop.dashboard;
