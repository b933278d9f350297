package dev.orchestrator.agent.execute;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.orchestrator.agent.store.TaskCacheStore.CachedOutput;
import dev.orchestrator.model.Task;
import dev.orchestrator.model.TaskCache;
import dev.orchestrator.secret.SecretMasker;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A task's {@code cache: { key, ttl_seconds }} around one attempt's code, on the attempt's worker: the entry is
 * looked up under the pipeline id, the task id and a SHA-256 of the task's definition, its rendered
 * {@code connector_config} and {@code action_kwargs}, its input ({@code pass_output_from}) and its rendered
 * {@code key}. A hit younger than the ttl is the attempt's output at once (the task is marked cached, and its log
 * says so); a miss runs the code and stores a successful output (masked, as every stored output). Thread-safe.
 */
final class TaskCacheLookup {

    private final String pipelineId;
    private final String runId;
    private final SecretMasker masker;
    private final EngineServices services;

    TaskCacheLookup(String pipelineId, String runId, SecretMasker masker, EngineServices services) {
        this.pipelineId = pipelineId;
        this.runId = runId;
        this.masker = masker;
        this.services = services;
    }

    /** Whether this task's attempts go through the cache: it has one, and calls a connector once per attempt. */
    static boolean applies(Task task) {
        return task.cache().isPresent() && task.sensor().isEmpty() && task.callsConnector();
    }

    /**
     * @param code the attempt's own code, run on a miss
     */
    AttemptResult run(
            Task task,
            Map<String, Object> variables,
            Object data,
            AttemptContext context,
            Supplier<AttemptResult> code) {
        if (!applies(task)) {
            return code.get();
        }
        TaskCache cache = task.cache().orElseThrow();
        String key;
        try {
            key = key(task, variables, data);
        } catch (RuntimeException e) {
            return code.get(); // a template that does not render fails the attempt itself, with its own message
        }
        Instant now = services.clock().instant();
        Instant notBefore = cache.ttl().map(now::minus).orElse(Instant.EPOCH);
        Optional<CachedOutput> hit = services.store().findCached(pipelineId, task.id(), key, notBefore);
        if (hit.isPresent()) {
            try {
                Object output = services.json().readValue(hit.get().outputJson(), Object.class);
                services.store().markTaskCached(runId, task.id());
                context.log()
                        .info("cache hit (key " + key.substring(0, 12) + "): the output run "
                                + hit.get().runId() + " stored at " + hit.get().storedAt()
                                + " is reused; the task does not run");
                return AttemptResult.success(output);
            } catch (JsonProcessingException e) {
                context.log().warn("cache entry unreadable (" + e.getOriginalMessage() + "): running the task");
            }
        } else {
            context.log()
                    .info("cache miss (key " + key.substring(0, 12) + "): running the task"
                            + cache.ttl()
                                    .map(ttl -> "; its output is reused for " + ttl.toSeconds() + " s")
                                    .orElse(""));
        }
        AttemptResult result = code.get();
        if (!result.failed() && !context.isCancelled()) {
            store(task, key, result.output(), context);
        }
        return result;
    }

    private void store(Task task, String key, Object output, AttemptContext context) {
        try {
            String text = services.json()
                    .writeValueAsString(masker.maskTree(services.json().convertValue(output, Object.class)));
            services.store()
                    .storeCached(
                            pipelineId,
                            task.id(),
                            key,
                            new CachedOutput(text, runId, services.clock().instant()));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            context.log().warn("the output is not stored in the cache: it is not JSON (" + e.getMessage() + ")");
        }
    }

    /** The entry's key: a SHA-256 over the definition, the rendered arguments, the input and the rendered key. */
    String key(Task task, Map<String, Object> variables, Object data) {
        var templates = services.templates();
        Map<String, Object> config = templates.renderAll(task.connectorConfig(), variables, "connector_config");
        Map<String, Object> arguments = templates.renderAll(task.actionKwargs(), variables, "action_kwargs");
        String renderedKey = templates.renderText(task.cache().orElseThrow().key(), variables, "cache.key");
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {
                task.toString(),
                services.json().writeValueAsString(config),
                services.json().writeValueAsString(arguments),
                services.json().writeValueAsString(data),
                renderedKey
            }) {
                digest.update(part.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("cannot compute the cache key of task '" + task.id() + "'", e);
        }
    }
}
