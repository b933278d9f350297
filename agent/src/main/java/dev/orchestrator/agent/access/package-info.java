/**
 * Who is asking: API tokens with a name and a role. {@link dev.orchestrator.agent.access.AccessTokens} accepts the
 * agent home's token file (the first admin, named {@code home}) and the named tokens of the database (made,
 * listed and revoked through the API), hashed; {@link dev.orchestrator.agent.access.Caller} is what a request
 * was found to come from. No HTTP here, and no SQL: the tokens are kept through the store's
 * {@code TokenStore}.
 */
package dev.orchestrator.agent.access;
