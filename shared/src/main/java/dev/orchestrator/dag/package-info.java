/**
 * The task graph ({@code Dag}): the one implementation of ordering, cycle finding and upstream/downstream walks
 * that the validator, the run engine and the console's graph share. Pure and depending on nothing of the project,
 * so every layer may use it.
 */
package dev.orchestrator.dag;
