/**
 * The performance harness (not part of the default test run): one benchmark class per figure of the targets
 * (engine, API, scheduler punctuality, start-up, log and run search at scale, validation, the console's graph and
 * editor, PostgreSQL pushes, a cluster), each with its own {@code main} and target, and the generators and
 * no-op connectors they share. Uses the other modules as a user would and is used by none.
 */
package dev.orchestrator.bench;
