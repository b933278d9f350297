package dev.orchestrator.agent.execute;

import dev.orchestrator.connector.NonRetryableException;
import dev.orchestrator.model.Approval;
import dev.orchestrator.model.Task;
import dev.orchestrator.model.TaskState;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an approval task's wait means (issue 20): an approval waits as an event wait does, in the same store, for an
 * event only the approve and reject requests send ({@link #EVENT}, a name no {@code POST /api/v1/events} can post);
 * the decision travels as that event's payload. Stateless.
 */
final class Approvals {

    /** The event an approval waits for: outside the event names the API takes, so only a decision reaches it. */
    static final String EVENT = "~approval";

    /** The store keeps the message as the wait's key (the inbox shows it), up to its column's width. */
    private static final int MAX_KEY = 1000;

    private Approvals() {}

    static Approval of(Task task) {
        return task.approval()
                .orElseThrow(() -> new IllegalStateException("task '" + task.id() + "' waits for no approval"));
    }

    /** The wait's key: its message, as the approvals inbox shows it. */
    static String key(Task task) {
        String message = of(task).message();
        return message.length() <= MAX_KEY ? message : message.substring(0, MAX_KEY - 1) + "…";
    }

    /** What the run detail shows while the task waits. */
    static String note(Task task, Instant deadline) {
        return "waiting for approval: " + of(task).message() + " (approve or reject it until "
                + deadline.truncatedTo(ChronoUnit.SECONDS) + ")";
    }

    /** The decision's payload as the approve and reject requests store it. */
    static Map<String, Object> payload(boolean approved, String by, String comment, Instant at) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("decision", approved ? "approved" : "rejected");
        payload.put("by", by);
        payload.put("comment", comment);
        payload.put("at", at.toString());
        return payload;
    }

    /** A decision read back: approved, the task's output; rejected, why it failed. */
    record Outcome(TaskState state, AttemptResult result, String logLine) {}

    static Outcome outcome(Task task, Object delivered) {
        Map<?, ?> payload = delivered instanceof Map<?, ?> map ? map : Map.of();
        String by = String.valueOf(payload.get("by"));
        Object comment = payload.get("comment");
        if ("approved".equals(payload.get("decision"))) {
            Map<String, Object> output = new LinkedHashMap<>();
            output.put("approved_by", by);
            output.put("comment", comment);
            output.put("approved_at", payload.get("at"));
            return new Outcome(
                    TaskState.SUCCESS,
                    AttemptResult.success(output),
                    "approved by " + by + (comment == null ? "" : ": " + comment));
        }
        String reason =
                "task '" + task.id() + "' was rejected by " + by + (comment == null ? " (no comment)" : ": " + comment);
        return new Outcome(TaskState.FAILED, AttemptResult.failure(new NonRetryableException(reason)), reason);
    }
}
