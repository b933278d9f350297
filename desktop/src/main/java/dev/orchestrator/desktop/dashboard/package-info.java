/**
 * The dashboard screen: today's figures, runs per hour, the latest runs and the next fires, for every agent
 * together or one chosen; {@code DashboardModel} computes them, {@code DashboardView} draws them.
 */
package dev.orchestrator.desktop.dashboard;
