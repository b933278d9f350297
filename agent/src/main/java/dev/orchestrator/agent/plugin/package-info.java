/**
 * Plugins: the plugins directory loaded into a class loader per JAR (child first), single-file plugins compiled in
 * a child JVM and cached between processes, JDBC drivers from plugin JARs registered through a shim, and the installed
 * set replaced when the directory changes. Produces connector types and hook handlers for the {@code connector}
 * registry; knows nothing of runs, the store or the API.
 */
package dev.orchestrator.agent.plugin;
