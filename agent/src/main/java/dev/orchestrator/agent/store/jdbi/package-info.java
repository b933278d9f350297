/**
 * The {@code store} interfaces on Jdbi, in SQL that both H2 and PostgreSQL run: the database itself (pool, Flyway
 * migrations, health), the stores ({@code JdbiRunStore} and its helpers for hand-overs, recovery, search, run hours
 * and log writing), row mappers and group commit. The only package, with its migrations, that imports Jdbi, Flyway
 * or HikariCP; it knows the store's records, never the engine.
 */
package dev.orchestrator.agent.store.jdbi;
