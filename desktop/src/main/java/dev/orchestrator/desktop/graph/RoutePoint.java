package dev.orchestrator.desktop.graph;

/** A point in graph coordinates (pixels at 100 % zoom, origin at the graph's top left, y pointing down). */
public record RoutePoint(double x, double y) {}
