/**
 * Fleet operations across the connected agents (issue 22), a tab of the agents screen: drift ({@code DriftScan} reads
 * each pipeline's file from every agent declaring it, {@code DriftModel} shows two texts {@code SideBySide} and copies
 * one onto another agent after that agent's own validation), and actions on the pipelines carrying a label
 * ({@code FleetActionsModel}, {@code FleetAction}), confirmed through {@code FleetDialogs}. Agents of one cluster
 * count once ({@code SharedHistories}).
 */
package dev.orchestrator.desktop.fleet;
