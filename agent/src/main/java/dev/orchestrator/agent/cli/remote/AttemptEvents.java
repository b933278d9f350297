package dev.orchestrator.agent.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the run history records about each attempt, as log lines: when it started (and that it is a retry), and
 * how it ended with the first line of its error. The task's own lines say what it printed; these say what the
 * agent did with it.
 */
final class AttemptEvents {

    /** One event; {@code key} tells it from the others of the run, for printing each once. */
    record Event(Instant at, String key, String task, String level, String message) {}

    private AttemptEvents() {}

    /** The events of a run detail's tasks, of one task when {@code task} is given. */
    static List<Event> of(JsonNode run, Optional<String> task) {
        List<Event> events = new ArrayList<>();
        for (JsonNode taskRun : run.path("tasks")) {
            String taskId = taskRun.path("task_id").asText();
            if (task.isPresent() && !task.get().equals(taskId)) {
                continue;
            }
            for (JsonNode attempt : taskRun.path("attempts")) {
                int number = attempt.path("number").asInt();
                time(attempt.path("started_at"))
                        .ifPresent(at -> events.add(new Event(
                                at,
                                taskId + "/" + number + "/start",
                                taskId,
                                "INFO",
                                "attempt " + number + " started" + (number > 1 ? " (retry)" : ""))));
                time(attempt.path("finished_at")).ifPresent(at -> {
                    String status = attempt.path("status").asText();
                    boolean succeeded = status.equals("success");
                    String error = HumanReadable.firstLine(attempt.path("error_message"), 200);
                    events.add(new Event(
                            at,
                            taskId + "/" + number + "/end",
                            taskId,
                            succeeded ? "INFO" : "ERROR",
                            "attempt " + number + " " + (succeeded ? "succeeded" : status)
                                    + (error.equals(HumanReadable.NOTHING) ? "" : ": " + error)));
                });
            }
        }
        return events;
    }

    static Optional<Instant> time(JsonNode value) {
        if (!value.isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(value.asText()).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
