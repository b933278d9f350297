/**
 * Flyway's Java migrations, for the schema changes SQL alone cannot say the same way on H2 and PostgreSQL (Quartz's
 * own tables from its jar, the cluster tables, the history id, the log and run search indexes); the SQL migrations
 * sit beside them as resources. Each class is one version of the schema and never changes once released.
 */
package dev.orchestrator.agent.store.jdbi.migration;
