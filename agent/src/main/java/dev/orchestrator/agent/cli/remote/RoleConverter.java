package dev.orchestrator.agent.cli.remote;

import dev.orchestrator.api.Role;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --role viewer}: checked here, so a mistyped role is a usage error (exit code 2) before anything is sent. */
final class RoleConverter implements ITypeConverter<Role> {

    @Override
    public Role convert(String value) {
        return Role.parse(value)
                .orElseThrow(() ->
                        new TypeConversionException("'" + value + "' is not a role; use one of " + Role.labels()));
    }
}
