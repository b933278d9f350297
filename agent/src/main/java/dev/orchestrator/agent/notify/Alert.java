package dev.orchestrator.agent.notify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One message about a run: what happened, to which pipeline, in which run, which tasks failed and the first
 * error line. Every text in it is already masked.
 *
 * @param runId   empty for a deadline missed by a run that was never created
 * @param details what a deadline alert adds, in order: {@code scheduled_for}, {@code deadline}, {@code due_at},
 *                {@code run} (what is known of the run), {@code late_by_minutes}; empty for other alerts
 */
public record Alert(
        Kind kind,
        String pipelineId,
        String pipelineName,
        String runId,
        String runState,
        List<String> failedTasks,
        Optional<String> firstError,
        int consecutiveFailures,
        Map<String, Object> details) {

    public Alert {
        details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** An alert about a run's outcome, without deadline details. */
    public Alert(
            Kind kind,
            String pipelineId,
            String pipelineName,
            String runId,
            String runState,
            List<String> failedTasks,
            Optional<String> firstError,
            int consecutiveFailures) {
        this(kind, pipelineId, pipelineName, runId, runState, failedTasks, firstError, consecutiveFailures, Map.of());
    }

    public enum Kind {
        FAILURE("failed"),
        RECOVERED("recovered"),
        SUCCESS("succeeded"),
        DEADLINE_MISSED("missed its deadline"),
        FINISHED_LATE("finished late");

        private final String verb;

        Kind(String verb) {
            this.verb = verb;
        }
    }

    /** The human message, the same on every channel. */
    public String text() {
        if (kind == Kind.DEADLINE_MISSED || kind == Kind.FINISHED_LATE) {
            return deadlineText();
        }
        StringBuilder text = new StringBuilder();
        text.append(
                        switch (kind) {
                            case FAILURE -> "❌ ";
                            case RECOVERED -> "✅ ";
                            case SUCCESS -> "✔ ";
                            case DEADLINE_MISSED, FINISHED_LATE -> "⏰ ";
                        })
                .append("Pipeline ")
                .append(pipelineName)
                .append(" (")
                .append(pipelineId)
                .append(") ")
                .append(kind.verb);
        if (kind == Kind.FAILURE && consecutiveFailures > 1) {
            text.append(", ").append(consecutiveFailures).append(" runs in a row");
        }
        text.append("\nrun: ").append(runId);
        if (!failedTasks.isEmpty()) {
            text.append("\nfailed tasks: ").append(String.join(", ", failedTasks));
        }
        firstError.ifPresent(error -> text.append("\nerror: ").append(error));
        return text.toString();
    }

    private String deadlineText() {
        StringBuilder text = new StringBuilder("⏰ Pipeline ")
                .append(pipelineName)
                .append(" (")
                .append(pipelineId)
                .append(") ")
                .append(kind.verb);
        if (details.containsKey("late_by_minutes")) {
            text.append(" (by ").append(details.get("late_by_minutes")).append(" min)");
        }
        text.append("\nscheduled: ").append(details.get("scheduled_for"));
        text.append("\ndeadline: ")
                .append(details.get("deadline"))
                .append(", due ")
                .append(details.get("due_at"));
        text.append("\nrun: ").append(details.get("run"));
        return text.toString();
    }

    /** The JSON body of the generic webhook. */
    public Map<String, Object> payload() {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put(
                "event",
                switch (kind) {
                    case DEADLINE_MISSED -> "deadline_missed";
                    case FINISHED_LATE -> "deadline_finished_late";
                    default -> "pipeline_" + kind.name().toLowerCase(java.util.Locale.ROOT);
                });
        payload.put("pipeline_id", pipelineId);
        payload.put("pipeline_name", pipelineName);
        payload.put("run_id", runId.isEmpty() ? null : runId);
        payload.put("status", runState);
        payload.put("failed_tasks", failedTasks);
        payload.put("error", firstError.orElse(null));
        payload.put("consecutive_failures", consecutiveFailures);
        payload.putAll(details);
        payload.put("text", text());
        return payload;
    }
}
