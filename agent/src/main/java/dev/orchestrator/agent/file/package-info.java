/**
 * Files only their owner may use ({@code OwnerOnlyFiles}): how the agent makes what it keeps in its home
 * (database, log, token, outputs) nobody else's on a POSIX system (on Windows the home's ACLs decide). Depends on
 * nothing of the agent.
 */
package dev.orchestrator.agent.file;
