package dev.orchestrator.agent.access;

import dev.orchestrator.api.Role;

/** Whom a request comes from: the name of the token it presented, and that token's role. */
public record Caller(String name, Role role) {

    /** The name the audit log gives a request without a valid token. */
    public static final String NOBODY = "-";
}
