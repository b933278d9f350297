package dev.orchestrator.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What an API token may do, each role everything the one before it may and more: {@code viewer} reads;
 * {@code operator} also triggers, cancels, retries, marks, approves, pauses, resumes and backfills; {@code editor}
 * also saves pipelines and sources; {@code admin} also manages the tokens and reads the audit log.
 */
public enum Role {
    VIEWER,
    OPERATOR,
    EDITOR,
    ADMIN;

    /** True when a token of this role may use a route that needs {@code needed}. */
    public boolean covers(Role needed) {
        return compareTo(needed) >= 0;
    }

    /** As the API and the command line write it: {@code viewer}, {@code operator}, ... */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A role by its name in any case; empty for anything else. */
    public static Optional<Role> parse(String text) {
        return Arrays.stream(values())
                .filter(role -> role.label().equalsIgnoreCase(text == null ? "" : text.strip()))
                .findFirst();
    }

    @JsonCreator
    static Role fromJson(String text) {
        return parse(text)
                .orElseThrow(
                        () -> new IllegalArgumentException("'" + text + "' is not a role; the roles are " + labels()));
    }

    /** {@code viewer, operator, editor, admin}. */
    public static String labels() {
        return Arrays.stream(values()).map(Role::label).collect(Collectors.joining(", "));
    }
}
