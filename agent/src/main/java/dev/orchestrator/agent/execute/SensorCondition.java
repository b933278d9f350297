package dev.orchestrator.agent.execute;

import java.lang.reflect.Array;
import java.util.Collection;
import java.util.Map;

/** When a sensor's result counts as "the condition holds" (SPEC 4): truthy, as the original tool's users expect. */
final class SensorCondition {

    private static final int SHOWN_CHARACTERS = 200;

    private SensorCondition() {}

    /**
     * True, a non-empty list, map or array, a string with more than whitespace, a number other than zero; not
     * false, empty, blank, zero, or nothing at all.
     */
    static boolean holds(Object result) {
        if (result == null) {
            return false;
        }
        if (result instanceof Boolean flag) {
            return flag;
        }
        if (result instanceof CharSequence text) {
            return !text.toString().isBlank();
        }
        if (result instanceof Collection<?> collection) {
            return !collection.isEmpty();
        }
        if (result instanceof Map<?, ?> map) {
            return !map.isEmpty();
        }
        if (result instanceof Number number) {
            return number.doubleValue() != 0.0;
        }
        if (result.getClass().isArray()) {
            return Array.getLength(result) > 0;
        }
        return true; // some object: it is there
    }

    /** The result as a poke's log line shows it: short. */
    static String describe(Object result) {
        String text = result instanceof CharSequence ? "'" + result + "'" : String.valueOf(result);
        return text.length() <= SHOWN_CHARACTERS ? text : text.substring(0, SHOWN_CHARACTERS) + "...";
    }
}
