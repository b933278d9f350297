package dev.orchestrator.agent.notify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One message about a run: what happened, to which pipeline, in which run, which tasks failed and the first
 * error line. Every text in it is already masked.
 */
public record Alert(
        Kind kind,
        String pipelineId,
        String pipelineName,
        String runId,
        String runState,
        List<String> failedTasks,
        Optional<String> firstError,
        int consecutiveFailures) {

    public enum Kind {
        FAILURE("failed"),
        RECOVERED("recovered"),
        SUCCESS("succeeded");

        private final String verb;

        Kind(String verb) {
            this.verb = verb;
        }
    }

    /** The human message, the same on every channel. */
    public String text() {
        StringBuilder text = new StringBuilder();
        text.append(
                        switch (kind) {
                            case FAILURE -> "❌ ";
                            case RECOVERED -> "✅ ";
                            case SUCCESS -> "✔ ";
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

    /** The JSON body of the generic webhook. */
    public Map<String, Object> payload() {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("event", "pipeline_" + kind.name().toLowerCase(java.util.Locale.ROOT));
        payload.put("pipeline_id", pipelineId);
        payload.put("pipeline_name", pipelineName);
        payload.put("run_id", runId);
        payload.put("status", runState);
        payload.put("failed_tasks", failedTasks);
        payload.put("error", firstError.orElse(null));
        payload.put("consecutive_failures", consecutiveFailures);
        payload.put("text", text());
        return payload;
    }
}
