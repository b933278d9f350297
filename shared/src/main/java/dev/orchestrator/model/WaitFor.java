package dev.orchestrator.model;

import java.util.regex.Pattern;

/**
 * A task that waits for an event sent to the API, matched by its rendered {@code key} (a template).
 */
public record WaitFor(String event, String key) {

    private static final Pattern SAFE_EVENT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

    /** How an event name may look, as the validator and the API say it. */
    public static final String EVENT_NAME_RULE = "use letters, digits, '_', '-' and '.', starting with a letter or "
            + "digit, at most 128 characters, such as order_ready";

    /** True for a name that can travel in {@code POST /api/v1/events/<name>} as it is. */
    public static boolean isSafeEventName(String name) {
        return SAFE_EVENT_NAME.matcher(name).matches();
    }
}
