package dev.orchestrator.yaml;

import java.util.Map;
import java.util.Optional;

/** Where {@code ${VAR}} references look their values up. Implementations must be thread-safe. */
@FunctionalInterface
public interface EnvironmentLookup {

    Optional<String> get(String name);

    /** The process environment, then the {@code .env} file's entries. */
    static EnvironmentLookup processThen(Map<String, String> dotEnv) {
        return name -> {
            String value = System.getenv(name);
            return Optional.ofNullable(value != null ? value : dotEnv.get(name));
        };
    }

    /** The process environment, then the {@code .env} file's entries as {@code dotEnv} gives them at each lookup. */
    static EnvironmentLookup processThen(java.util.function.Supplier<Map<String, String>> dotEnv) {
        return name -> {
            String value = System.getenv(name);
            return Optional.ofNullable(value != null ? value : dotEnv.get().get(name));
        };
    }

    static EnvironmentLookup of(Map<String, String> values) {
        return name -> Optional.ofNullable(values.get(name));
    }
}
