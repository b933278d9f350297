package dev.orchestrator.diagnostic;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** An error keeps a file from loading; a warning is shown but changes nothing. */
public enum Severity {
    ERROR,
    WARNING;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
