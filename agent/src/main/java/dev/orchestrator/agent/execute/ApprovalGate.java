package dev.orchestrator.agent.execute;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.agent.store.EventWait;
import dev.orchestrator.agent.store.EventWaitStore;
import dev.orchestrator.agent.store.RunDetail;
import dev.orchestrator.agent.store.RunHistory;
import dev.orchestrator.agent.store.TaskRunRecord;
import dev.orchestrator.model.TaskState;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Operators' decisions on approval tasks (issue 20): an approve or reject is delivered, as its payload, to the
 * task's wait in the event-wait store (so it reaches the task also when its run is on another agent of the
 * cluster, or the agent restarts before the task takes it), and the run is told; which tasks wait for a decision.
 * Thread-safe: the store decides which of two decisions at the same moment counts.
 */
public final class ApprovalGate {

    /** A decision as it was delivered. */
    public record Decision(
            String runId, String taskId, boolean approved, String by, Optional<String> comment, Instant at) {}

    /** A task waiting for a decision. */
    public record Waiting(
            String runId,
            String pipelineId,
            String taskId,
            String message,
            Instant since,
            Instant deadline,
            String agentId) {}

    private final EventWaitStore waits;
    private final RunHistory runs;
    private final BiConsumer<String, String> delivered;
    private final Clock clock;
    private final ObjectMapper json;

    /** @param delivered tells the run (by id) that a payload reached its task's (by id) wait: {@link RunExecutor#eventDelivered} */
    public ApprovalGate(
            EventWaitStore waits,
            RunHistory runs,
            BiConsumer<String, String> delivered,
            Clock clock,
            ObjectMapper json) {
        this.waits = waits;
        this.runs = runs;
        this.delivered = delivered;
        this.clock = clock;
        this.json = json;
    }

    /**
     * Approves or rejects a waiting approval task: approved, it succeeds with {@code {approved_by, comment,
     * approved_at}} as its output; rejected, it fails and is not retried.
     *
     * @throws NoSuchRunException              for no such run
     * @throws NoSuchTaskException             for no such task in the run
     * @throws TaskNotAwaitingApprovalException when the task does not wait for a decision now
     */
    public Decision decide(String runId, String taskId, boolean approve, String by, Optional<String> comment) {
        RunDetail detail = runs.findRun(runId).orElseThrow(() -> new NoSuchRunException(runId));
        TaskRunRecord task = detail.task(taskId)
                .orElseThrow(() -> new NoSuchTaskException(
                        "run '" + runId + "'",
                        taskId,
                        detail.tasks().stream().map(TaskRunRecord::taskId).toList()));
        Instant now = clock.instant();
        String payload = toJson(Approvals.payload(approve, by, comment.orElse(null), now));
        if (waits.deliverTo(runId, taskId, Approvals.EVENT, payload, now).isEmpty()) {
            boolean decidedJustNow = waits.waitsOf(runId).stream()
                    .anyMatch(
                            wait -> wait.taskId().equals(taskId) && wait.event().equals(Approvals.EVENT));
            throw new TaskNotAwaitingApprovalException(
                    decidedJustNow
                            ? "task '" + taskId + "' of run '" + runId + "' was approved or rejected a moment ago; "
                                    + "orchestrator show " + runId + " shows the decision"
                            : notWaiting(runId, task));
        }
        delivered.accept(runId, taskId);
        return new Decision(runId, taskId, approve, by, comment, now);
    }

    private static String notWaiting(String runId, TaskRunRecord task) {
        String what = "task '" + task.taskId() + "' of run '" + runId + "' is not waiting for approval";
        if (task.status() == TaskState.WAITING) {
            return what + ": it waits for an event or a sensor's condition, not an approval; send the event, or "
                    + "mark it (orchestrator mark " + runId + " " + task.taskId() + " --state success)";
        }
        if (task.status().isTerminal()) {
            return what + ": it ended already as " + task.status().yamlName()
                    + task.reason().map(reason -> " (" + reason + ")").orElse("")
                    + "; to run it again, retry the run from it (orchestrator retry " + runId + " --from-task "
                    + task.taskId() + ")";
        }
        return what + " (it is " + task.status().yamlName() + "): only a task with approval: that has begun "
                + "waiting can be approved or rejected; GET /api/v1/approvals lists them";
    }

    /** Every task waiting for a decision, the longest-waiting first. */
    public List<Waiting> waiting() {
        Map<String, String> pipelines = new HashMap<>();
        return waits.waitsFor(Approvals.EVENT).stream()
                .map(wait -> waiting(wait, pipelines))
                .flatMap(Optional::stream)
                .toList();
    }

    private Optional<Waiting> waiting(EventWait wait, Map<String, String> pipelines) {
        String pipelineId = pipelines.computeIfAbsent(
                wait.runId(),
                runId -> runs.findRun(runId)
                        .map(detail -> detail.run().pipelineId())
                        .orElse(""));
        if (pipelineId.isEmpty()) {
            return Optional.empty(); // its run was deleted meanwhile
        }
        return Optional.of(new Waiting(
                wait.runId(),
                pipelineId,
                wait.taskId(),
                wait.key(),
                wait.waitingSince(),
                wait.deadline(),
                wait.agentId()));
    }

    private String toJson(Map<String, Object> payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
