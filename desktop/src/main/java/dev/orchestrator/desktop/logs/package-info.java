/**
 * The logs screen: a search over the task logs of every agent merged by time ({@code LogSearchModel}), the
 * results table ({@code LogSearchView}) and the CSV export of every matching row ({@code LogExport}).
 */
package dev.orchestrator.desktop.logs;
