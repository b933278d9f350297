package dev.orchestrator.desktop.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.api.BulkResultDto;
import dev.orchestrator.api.PipelineRevisionDto;
import dev.orchestrator.api.RevisionDiffDto;
import dev.orchestrator.api.RunDiffDto;
import dev.orchestrator.api.RunDto;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The operator's requests of issue 20 on one agent, beside {@link AgentClient}'s: the run diff, a pipeline's
 * revisions (list, text, diff, restore) and bulk actions on runs. Blocking, like the client it sends through: call it
 * off the FX thread; every failure is an {@link AgentException}.
 */
public final class OperatorRequests {

    /** How many revisions the history lists: the newest, which is what an operator rolls back to. */
    public static final int REVISIONS = 100;

    private final AgentClient client;

    public OperatorRequests(AgentClient client) {
        this.client = client;
    }

    /** What differs between run {@code a} and run {@code b} ({@code GET /api/v1/runs/diff}). */
    public RunDiffDto runDiff(String a, String b) {
        return client.answers.read(
                client.get(client.url("api", "v1", "runs", "diff")
                        .addQueryParameter("a", a)
                        .addQueryParameter("b", b)
                        .build()),
                RunDiffDto.class);
    }

    /** The newest successful run of a pipeline created before {@code before}; empty when it never succeeded then. */
    public Optional<RunDto> lastSuccessBefore(String pipelineId, OffsetDateTime before) {
        List<RunDto> found = client.runs(
                        Map.of("pipeline", pipelineId, "status", "success", "to", before.toString()), 1, 1)
                .items();
        return found.stream().findFirst();
    }

    /** The newest {@link #REVISIONS} versions of a pipeline the agent loaded, newest first, without their texts. */
    public List<PipelineRevisionDto> revisions(String pipelineId) {
        JsonNode page = client.get(client.url("api", "v1", "pipelines", pipelineId, "revisions")
                .addQueryParameter("size", String.valueOf(REVISIONS))
                .build());
        return client.answers.read(page.path("items"), new TypeReference<>() {});
    }

    /** One revision with its text. */
    public PipelineRevisionDto revision(String pipelineId, String revision) {
        return client.answers.read(
                client.get(client.url("api", "v1", "pipelines", pipelineId, "revisions", revision)
                        .build()),
                PipelineRevisionDto.class);
    }

    /** The unified diff from revision {@code a} to revision {@code b}; empty when their lines are the same. */
    public String revisionDiff(String pipelineId, String a, String b) {
        return client.answers
                .read(
                        client.get(client.url("api", "v1", "pipelines", pipelineId, "revisions", "diff")
                                .addQueryParameter("a", a)
                                .addQueryParameter("b", b)
                                .build()),
                        RevisionDiffDto.class)
                .diff();
    }

    /**
     * Saves an old revision's text as the pipeline's file, which the agent validates and loads at once.
     *
     * @param version the file's version as read ({@link AgentClient#source}): the agent refuses with 409 when the
     *                file changed since
     * @return the file's new version
     */
    public String restore(String pipelineId, String revision, String version) {
        return client.post(
                        client.url("api", "v1", "pipelines", pipelineId, "revisions", revision, "restore")
                                .build(),
                        Map.of("version", version))
                .path("version")
                .asText();
    }

    /**
     * Cancels or retries the runs named ({@code POST /api/v1/runs/bulk}); with {@code dryRun} only says what would be
     * done to each.
     *
     * @param action {@code cancel} or {@code retry}
     */
    public BulkResultDto bulk(String action, List<String> runIds, boolean dryRun) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("action", action);
        request.put("run_ids", runIds);
        request.put("dry_run", dryRun);
        return client.answers.read(
                client.post(client.url("api", "v1", "runs", "bulk").build(), request), BulkResultDto.class);
    }
}
