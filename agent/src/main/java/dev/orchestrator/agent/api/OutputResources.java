package dev.orchestrator.agent.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import dev.orchestrator.agent.execute.NoSuchRunException;
import dev.orchestrator.agent.store.MapItemStore;
import dev.orchestrator.agent.store.RunDetail;
import dev.orchestrator.agent.store.RunHistory;
import dev.orchestrator.agent.store.StoredOutput;
import dev.orchestrator.agent.store.TaskRunRecord;
import dev.orchestrator.api.Role;
import dev.orchestrator.secret.SecretMasker;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A task's whole output, where the run detail has only its first characters: {@code GET
 * /api/v1/runs/{run_id}/tasks/{task}/output}, and one item's of a {@code for_each} task: {@code
 * .../items/{index}/output}. The stored JSON (inline in the database, or the file it was spilled to) is streamed
 * token by token through the masking generator, so an output of any size costs little memory and a secret never
 * reaches the answer, as in every other answer. Stateless; thread-safe.
 */
public final class OutputResources {

    private final RunHistory history;
    private final MapItemStore items;
    private final JsonFactory json;

    public OutputResources(RunHistory history, MapItemStore items, JsonFactory json) {
        this.history = history;
        this.items = items;
        this.json = json;
    }

    public List<Route> routes() {
        return List.of(
                Route.get("/api/v1/runs/{run_id}/tasks/{task}/output", this::taskOutput)
                        .requires(Role.VIEWER),
                Route.get("/api/v1/runs/{run_id}/tasks/{task}/items/{index}/output", this::itemOutput)
                        .requires(Role.VIEWER));
    }

    private Object taskOutput(ApiRequest request) {
        String runId = request.pathParameter("run_id");
        String taskId = request.pathParameter("task");
        RunDetail run = requireTask(runId, taskId);
        StoredOutput stored = history.findOutput(runId, taskId)
                .orElseThrow(() -> ApiException.notFound("task '" + taskId + "' of run " + runId
                        + " has no output (it has not succeeded yet, or its action returns none)"));
        return download(run, stored, "task " + taskId, runId + "-" + taskId + ".json");
    }

    private Object itemOutput(ApiRequest request) {
        String runId = request.pathParameter("run_id");
        String taskId = request.pathParameter("task");
        String text = request.pathParameter("index");
        int index;
        try {
            index = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("an item's index is a whole number from 0, not '" + text + "'");
        }
        RunDetail run = requireTask(runId, taskId);
        StoredOutput stored = items.output(runId, taskId, index)
                .orElseThrow(() -> ApiException.notFound("item " + index + " of task '" + taskId + "' of run " + runId
                        + " has no output (no such item, it has not succeeded yet, or its action returns none)"));
        return download(
                run, stored, "item " + index + " of task " + taskId, runId + "-" + taskId + "-" + index + ".json");
    }

    /** Checked before the status is sent: a spill file another agent of the cluster wrote is not here to read. */
    private OutputDownload download(RunDetail run, StoredOutput stored, String what, String fileName) {
        if (stored.json().isEmpty()) {
            Path file = Path.of(stored.file().orElseThrow());
            if (!Files.isReadable(file)) {
                throw new ApiException(
                        409,
                        "conflict",
                        "the output of " + what + " of run " + run.run().runId() + " was spilled to " + file
                                + ", which this agent cannot read; it is kept by agent "
                                + run.run().agentId()
                                + ", which ran it: ask that agent");
            }
        }
        return new OutputDownload(stored, fileName);
    }

    private RunDetail requireTask(String runId, String taskId) {
        RunDetail run = history.findRun(runId).orElseThrow(() -> new NoSuchRunException(runId));
        if (run.tasks().stream().noneMatch(task -> task.taskId().equals(taskId))) {
            throw ApiException.notFound("task '" + taskId + "' in run " + runId + " (its tasks: "
                    + String.join(
                            ", ",
                            run.tasks().stream().map(TaskRunRecord::taskId).toList())
                    + ")");
        }
        return run;
    }

    /** The stored JSON, copied token by token, its strings masked. */
    private final class OutputDownload implements StreamingResponse {

        private final StoredOutput stored;
        private final String fileName;

        OutputDownload(StoredOutput stored, String fileName) {
            this.stored = stored;
            this.fileName = fileName;
        }

        @Override
        public String contentType() {
            return "application/json; charset=utf-8";
        }

        @Override
        public Map<String, String> headers() {
            return Map.of("Content-Disposition", "inline; filename=\"" + fileName + "\"");
        }

        @Override
        public void write(OutputStream body, SecretMasker masker) throws IOException {
            try (Reader reader = open();
                    JsonParser parser = json.createParser(reader);
                    JsonGenerator generator = json.createGenerator(
                            new java.io.BufferedOutputStream(body, 64 * 1024),
                            com.fasterxml.jackson.core.JsonEncoding.UTF8)) {
                // closing the generator flushes the buffer into the body; the body is the response's to close
                generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                JsonGenerator masked = masker.isEmpty() ? generator : new MaskingJsonGenerator(generator, masker);
                while (parser.nextToken() != null) {
                    masked.copyCurrentStructure(parser);
                }
            }
        }

        private Reader open() throws IOException {
            Optional<String> inline = stored.json();
            if (inline.isPresent()) {
                return new StringReader(inline.get());
            }
            return Files.newBufferedReader(Path.of(stored.file().orElseThrow()), StandardCharsets.UTF_8);
        }
    }
}
