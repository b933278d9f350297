package dev.orchestrator.agent.api;

import dev.orchestrator.agent.pipeline.PipelineRegistry;
import dev.orchestrator.agent.schedule.ScheduleService;
import dev.orchestrator.api.BackfillDto;
import dev.orchestrator.api.ParamDeclarationDto;
import dev.orchestrator.api.PipelineDetailDto;
import dev.orchestrator.api.PipelineStateDto;
import dev.orchestrator.api.PipelineSummaryDto;
import dev.orchestrator.api.Role;
import dev.orchestrator.api.UpcomingFireDto;
import dev.orchestrator.cron.CronSchedule;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.ScheduleType;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * Pipelines and their schedules: the original tool's {@code /pipelines}, {@code /pipeline/{id}},
 * {@code /upcoming}, {@code /pause/{id}}, {@code /resume/{id}}, and backfill and load diagnostics.
 */
public final class PipelineResources {

    private final PipelineRegistry pipelines;
    private final ScheduleService schedules;
    private final Map<String, String> cronInWords = new java.util.concurrent.ConcurrentHashMap<>();

    public PipelineResources(PipelineRegistry pipelines, ScheduleService schedules) {
        this.pipelines = pipelines;
        this.schedules = schedules;
    }

    public List<Route> routes() {
        return List.of(
                // asked for every few seconds by every console: served from its bytes until something changes
                Route.get(
                                "/pipelines",
                                request -> pipelines.runnable().stream()
                                        .map(this::summary)
                                        .toList())
                        .answerCachedWhileSame(() -> List.of(
                                pipelines.runnable(),
                                schedules.timings(),
                                pipelines.secrets(),
                                pipelines.diagnostics()))
                        .requires(Role.VIEWER),
                Route.get("/pipeline/{id}", request -> detail(pipeline(request.pathParameter("id"))))
                        .requires(Role.VIEWER),
                Route.get("/upcoming", this::upcoming).requires(Role.VIEWER),
                Route.post("/pause/{id}", request -> {
                            Pipeline pipeline = pipeline(request.pathParameter("id"));
                            schedules.pause(pipeline.id());
                            return new PipelineStateDto(pipeline.id(), "paused");
                        })
                        .requires(Role.OPERATOR),
                Route.post("/resume/{id}", request -> {
                            Pipeline pipeline = pipeline(request.pathParameter("id"));
                            schedules.resume(pipeline.id());
                            // the original tool's word, which its clients compare; GET /pipelines then says "active"
                            return new PipelineStateDto(pipeline.id(), "resumed");
                        })
                        .requires(Role.OPERATOR),
                Route.post("/api/v1/pipelines/{id}/backfill", this::backfill).requires(Role.OPERATOR),
                Route.get("/api/v1/diagnostics", request -> pipelines.diagnostics())
                        .requires(Role.VIEWER));
    }

    private PipelineSummaryDto summary(Pipeline pipeline) {
        return new PipelineSummaryDto(
                pipeline.id(),
                pipeline.name(),
                describe(pipeline),
                schedules
                        .nextFireTime(pipeline.id())
                        .map(time -> time.toOffsetDateTime().toString())
                        .orElse(null),
                schedules.zoneOf(pipeline).getId(),
                // its file fails to load now: this is its last valid version, still scheduled
                pipelines.brokenFileOf(pipeline.id()).orElse(null),
                schedules.isPaused(pipeline.id()) ? "paused" : "active",
                pipeline.labels(),
                ParamDeclarationDto.of(pipeline));
    }

    private PipelineDetailDto detail(Pipeline pipeline) {
        return new PipelineDetailDto(
                summary(pipeline),
                pipeline.description(),
                pipeline.params(),
                pipeline.maxConcurrency(),
                pipeline.tasks().stream()
                        .map(task -> new PipelineDetailDto.Task(
                                task.id(),
                                task.name(),
                                task.connector(),
                                task.action(),
                                task.dependsOn(),
                                task.connectorConfig(),
                                task.actionKwargs(),
                                task.isMap()))
                        .toList());
    }

    private String describe(Pipeline pipeline) {
        var schedule = pipeline.schedule();
        if (schedule.type() == ScheduleType.CRON) {
            String cron = schedule.cronExpr().orElse("");
            // parsing and describing takes ~90 µs: a list of 500 pipelines would spend 45 ms on it per request
            String words = cronInWords.computeIfAbsent(
                    cron, expression -> CronSchedule.parse(expression).describe());
            return cron + " (" + words + ")"
                    + schedule.timezone().map(zone -> " " + zone).orElse("");
        }
        if (schedule.type() == ScheduleType.INTERVAL) {
            return "every " + schedule.interval().map(Duration::toSeconds).orElse(0L) + " s";
        }
        if (schedule.type() == ScheduleType.EVENT) {
            return "on event " + schedule.event().orElse("?");
        }
        return schedule.type().yamlName();
    }

    private Object upcoming(ApiRequest request) {
        double hours;
        try {
            hours = Double.parseDouble(request.queryParameter("hours").orElse("2"));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("'hours' must be a number, such as 2 or 0.5");
        }
        if (hours <= 0 || hours > 24 * 31) {
            throw ApiException.badRequest("'hours' must be more than 0 and at most 744");
        }
        return schedules.upcoming(Duration.ofMinutes(Math.round(hours * 60))).stream()
                .map(fire -> new UpcomingFireDto(
                        fire.pipelineId(), fire.fireTime().toOffsetDateTime().toString()))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private Object backfill(ApiRequest request) {
        Pipeline pipeline = pipeline(request.pathParameter("id"));
        Map<String, Object> body = request.body(Map.class, Map.of());
        try {
            LocalDate from = LocalDate.parse(String.valueOf(body.get("from")));
            LocalDate to = LocalDate.parse(String.valueOf(body.get("to")));
            return new BackfillDto(schedules.backfill(pipeline.id(), from, to));
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("send {\"from\": \"YYYY-MM-DD\", \"to\": \"YYYY-MM-DD\"}");
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private Pipeline pipeline(String id) {
        return pipelines.find(id).orElseThrow(() -> ApiException.notFound("no runnable pipeline '" + id + "'"));
    }
}
