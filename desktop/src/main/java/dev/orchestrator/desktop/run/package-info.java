/**
 * The run detail screen: one run's graph, Gantt chart, tasks, logs and the why of a failure, followed live
 * through the event stream ({@code RunDetailModel}), drawn by {@code RunDetailView} and {@code GanttChart}.
 */
package dev.orchestrator.desktop.run;
