package dev.orchestrator.agent.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.agent.execute.ApprovalGate;
import dev.orchestrator.agent.execute.RunExecutor;
import dev.orchestrator.agent.store.EventWaitStore;
import dev.orchestrator.agent.store.RunHistory;
import dev.orchestrator.api.ApprovalDecidedDto;
import dev.orchestrator.api.ApprovalDto;
import dev.orchestrator.api.Role;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Approval gates (issue 20): {@code POST /api/v1/runs/{run_id}/tasks/{task}/approve} and {@code .../reject} with
 * {@code {"comment": "..."}}, decided in the name of the caller's token; {@code GET /api/v1/approvals}, the tasks
 * waiting for a decision.
 */
public final class ApprovalResources {

    private final ApprovalGate gate;
    private final ZoneId zone;

    /** @param executor told when a decision reached a task's wait, to complete it when its run is here */
    public ApprovalResources(
            EventWaitStore waits, RunHistory runs, RunExecutor executor, Clock clock, ObjectMapper json, ZoneId zone) {
        this.gate = new ApprovalGate(waits, runs, executor::eventDelivered, clock, json);
        this.zone = zone;
    }

    public List<Route> routes() {
        return List.of(
                Route.get("/api/v1/approvals", request -> waiting()).requires(Role.VIEWER),
                Route.post("/api/v1/runs/{run_id}/tasks/{task}/approve", request -> decide(request, true))
                        .requires(Role.OPERATOR),
                Route.post("/api/v1/runs/{run_id}/tasks/{task}/reject", request -> decide(request, false))
                        .requires(Role.OPERATOR));
    }

    private List<ApprovalDto> waiting() {
        return gate.waiting().stream()
                .map(wait -> new ApprovalDto(
                        wait.runId(),
                        wait.pipelineId(),
                        wait.taskId(),
                        wait.message(),
                        time(wait.since()),
                        time(wait.deadline()),
                        wait.agentId()))
                .toList();
    }

    private ApprovalDecidedDto decide(ApiRequest request, boolean approve) {
        Map<?, ?> body = request.body(Map.class, Map.of());
        for (Object name : body.keySet()) {
            if (!"comment".equals(name)) {
                throw ApiException.badRequest("unknown field '" + name + "': send {\"comment\": \"...\"} or no body");
            }
        }
        Object comment = body.get("comment");
        if (comment != null && !(comment instanceof String)) {
            throw ApiException.badRequest("'comment' is text, such as \"checked the totals\"; got " + comment);
        }
        ApprovalGate.Decision decision = gate.decide(
                request.pathParameter("run_id"),
                request.pathParameter("task"),
                approve,
                request.caller(),
                Optional.ofNullable((String) comment).filter(given -> !given.isBlank()));
        return new ApprovalDecidedDto(
                decision.runId(),
                decision.taskId(),
                decision.approved() ? "approved" : "rejected",
                decision.by(),
                decision.comment().orElse(null),
                time(decision.at()));
    }

    private String time(Instant instant) {
        return instant.atZone(zone).toOffsetDateTime().toString();
    }
}
