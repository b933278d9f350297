package dev.orchestrator.agent.api;

import dev.orchestrator.api.Role;
import dev.orchestrator.api.RoleRefusedDto;
import java.util.List;

/** A 403: the token is valid, its role does not cover the route's. */
final class RoleRefusal extends ApiException {

    private final Role required;
    private final Role held;

    RoleRefusal(Route route, String tokenName, Role required, Role held) {
        super(
                403,
                "forbidden",
                route + " needs the role " + required.label() + " (or above); the token '" + tokenName
                        + "' has the role " + held.label() + ". An admin can make a token with the role: "
                        + "orchestrator token create NAME --role " + required.label());
        this.required = required;
        this.held = held;
    }

    @Override
    Object toDto() {
        return new RoleRefusedDto(code(), getMessage(), List.of(), required, held);
    }
}
