package dev.orchestrator.agent.api;

import dev.orchestrator.agent.pipeline.PipelineRegistry;
import dev.orchestrator.agent.pipeline.UnifiedDiff;
import dev.orchestrator.agent.store.Page;
import dev.orchestrator.agent.store.PipelineRevision;
import dev.orchestrator.agent.store.PipelineRevisionStore;
import dev.orchestrator.api.PageDto;
import dev.orchestrator.api.PipelineRevisionDto;
import dev.orchestrator.api.RevisionDiffDto;
import dev.orchestrator.api.Role;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A pipeline's history: {@code GET /api/v1/pipelines/{id}/revisions} (newest first, paged), {@code .../{rev}} (one
 * with its text), {@code .../diff?a=&b=} (the unified diff of two) and {@code POST .../{rev}/restore}, which saves
 * the revision's text as the editor's save does, with its conflict check ({@code {"version": ...}} as read by
 * {@code GET .../source}).
 */
public final class RevisionResources {

    private final PipelineRegistry pipelines;
    private final PipelineRevisionStore revisions;
    private final SourceResources sources;
    private final ZoneId zone;

    public RevisionResources(
            PipelineRegistry pipelines, PipelineRevisionStore revisions, SourceResources sources, ZoneId zone) {
        this.pipelines = pipelines;
        this.revisions = revisions;
        this.sources = sources;
        this.zone = zone;
    }

    public List<Route> routes() {
        return List.of(
                Route.get("/api/v1/pipelines/{id}/revisions", this::list).requires(Role.VIEWER),
                Route.get("/api/v1/pipelines/{id}/revisions/diff", this::diff).requires(Role.VIEWER),
                Route.get("/api/v1/pipelines/{id}/revisions/{rev}", request -> {
                            String pipelineId = request.pathParameter("id");
                            PipelineRevisionStore.Loaded found = find(pipelineId, request.pathParameter("rev"));
                            PipelineRevision revision = found.revision();
                            boolean current = running(pipelineId)
                                    .filter(revision.revision()::equals)
                                    .isPresent();
                            return dto(revision, current, found.text());
                        })
                        .requires(Role.VIEWER),
                Route.post("/api/v1/pipelines/{id}/revisions/{rev}/restore", request -> {
                            String pipelineId = request.pathParameter("id");
                            PipelineRevisionStore.Loaded found = find(pipelineId, request.pathParameter("rev"));
                            Map<?, ?> body = request.body(Map.class, Map.of());
                            Map<String, Object> answer = sources.save(
                                    pipelineId,
                                    found.text(),
                                    SourceResources.expectedVersion(body),
                                    SourceResources.author(request));
                            answer.put("restored", found.revision().revision());
                            return answer;
                        })
                        .requires(Role.EDITOR));
    }

    private PageDto<PipelineRevisionDto> list(ApiRequest request) {
        String pipelineId = request.pathParameter("id");
        Page<PipelineRevision> page = revisions.list(pipelineId, Paging.page(request), Paging.size(request));
        if (page.total() == 0 && pipelines.find(pipelineId).isEmpty()) {
            throw unknown(pipelineId);
        }
        Optional<String> running = running(pipelineId);
        List<PipelineRevisionDto> items = new ArrayList<>();
        for (PipelineRevision revision : page.items()) {
            // the newest row is the version that runs, when the pipeline still runs it
            boolean current = page.page() == 1
                    && items.isEmpty()
                    && running.filter(revision.revision()::equals).isPresent();
            items.add(dto(revision, current, null));
        }
        return new PageDto<>(items, page.page(), page.size(), page.total());
    }

    private RevisionDiffDto diff(ApiRequest request) {
        String pipelineId = request.pathParameter("id");
        String a = required(request, "a");
        String b = required(request, "b");
        PipelineRevisionStore.Loaded first = find(pipelineId, a);
        PipelineRevisionStore.Loaded second = find(pipelineId, b);
        return new RevisionDiffDto(
                pipelineId,
                a,
                b,
                UnifiedDiff.of(
                        first.revision().file() + "@" + a,
                        first.text(),
                        second.revision().file() + "@" + b,
                        second.text()));
    }

    private Optional<String> running(String pipelineId) {
        return pipelines.find(pipelineId).flatMap(pipelines::revisionOf);
    }

    private PipelineRevisionStore.Loaded find(String pipelineId, String revision) {
        return revisions.find(pipelineId, revision).orElseThrow(() -> {
            if (pipelines.find(pipelineId).isEmpty()
                    && revisions.list(pipelineId, 1, 1).total() == 0) {
                return unknown(pipelineId);
            }
            return ApiException.notFound("pipeline '" + pipelineId + "' has no revision '" + revision
                    + "'; GET /api/v1/pipelines/" + pipelineId + "/revisions lists them");
        });
    }

    private static String required(ApiRequest request, String name) {
        return request.queryParameter(name)
                .map(String::strip)
                .filter(value -> !value.isEmpty())
                .orElseThrow(() -> ApiException.badRequest(
                        "name the two revisions to compare: ?a=REVISION&b=REVISION ('" + name + "' is missing)"));
    }

    private static ApiException unknown(String pipelineId) {
        return ApiException.notFound("no pipeline '" + pipelineId + "' has been loaded; GET /pipelines lists them");
    }

    private PipelineRevisionDto dto(PipelineRevision revision, boolean current, String text) {
        return new PipelineRevisionDto(
                revision.pipelineId(),
                revision.revision(),
                revision.loadedAt().atZone(zone).toOffsetDateTime(),
                revision.source(),
                revision.author(),
                revision.file(),
                current,
                text);
    }
}
