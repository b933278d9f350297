/**
 * Masking of secrets ({@code SecretMasker}): the values that came from {@code ${VAR}} references are replaced by
 * {@code ***} in any text before it is stored, logged, sent or shown. Depends on nothing of the project.
 */
package dev.orchestrator.secret;
