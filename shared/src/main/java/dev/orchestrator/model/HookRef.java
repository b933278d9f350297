package dev.orchestrator.model;

import java.util.Optional;

/**
 * What {@code on_success} / {@code on_failure} point at: {@code trigger:<pipeline id>} starts another pipeline,
 * {@code hook:<name>} calls a hook plugin.
 */
public record HookRef(Kind kind, String target) {

    public enum Kind {
        TRIGGER("trigger"),
        HOOK("hook");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }

        public String prefix() {
            return prefix;
        }
    }

    /** Parses {@code trigger:x} or {@code hook:x}; empty when the text has neither form. */
    public static Optional<HookRef> parse(String text) {
        for (Kind kind : Kind.values()) {
            String prefix = kind.prefix() + ":";
            if (text.startsWith(prefix) && text.length() > prefix.length()) {
                return Optional.of(
                        new HookRef(kind, text.substring(prefix.length()).trim()));
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return kind.prefix() + ":" + target;
    }
}
