package dev.orchestrator.agent.api;

import dev.orchestrator.agent.pipeline.UnifiedDiff;
import dev.orchestrator.agent.store.AttemptRecord;
import dev.orchestrator.agent.store.PipelineRevisionStore;
import dev.orchestrator.agent.store.RunDetail;
import dev.orchestrator.agent.store.RunHistory;
import dev.orchestrator.agent.store.RunRecord;
import dev.orchestrator.agent.store.StoredOutput;
import dev.orchestrator.agent.store.TaskRunRecord;
import dev.orchestrator.api.ParamChangeDto;
import dev.orchestrator.api.Role;
import dev.orchestrator.api.RunDiffDto;
import dev.orchestrator.api.TaskDiffDto;
import dev.orchestrator.model.TaskState;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /api/v1/runs/diff?a=RUN&b=RUN}: what changed between two runs, such as the last success and a failure
 * after it: parameters, logical time, the pipeline's text (when the runs ran different revisions), and per task its
 * state, attempts, duration (with b's over a's), output (by the hash of what is stored) and first error line.
 */
public final class RunDiffResource {

    private final RunHistory history;
    private final PipelineRevisionStore revisions;

    public RunDiffResource(RunHistory history, PipelineRevisionStore revisions) {
        this.history = history;
        this.revisions = revisions;
    }

    public List<Route> routes() {
        return List.of(Route.get("/api/v1/runs/diff", request -> diff(run(request, "a"), run(request, "b")))
                .requires(Role.VIEWER));
    }

    private RunDetail run(ApiRequest request, String name) {
        String runId = request.queryParameter(name)
                .map(String::strip)
                .filter(value -> !value.isEmpty())
                .orElseThrow(() -> ApiException.badRequest(
                        "name the two runs to compare: ?a=RUN&b=RUN ('" + name + "' is missing)"));
        return history.findRun(runId)
                .orElseThrow(() -> ApiException.notFound(
                        "no run '" + runId + "' (as '" + name + "'); GET /api/v1/runs lists them"));
    }

    RunDiffDto diff(RunDetail detailA, RunDetail detailB) {
        RunRecord a = detailA.run();
        RunRecord b = detailB.run();
        boolean revisionChanged = !a.revision().equals(b.revision());
        return new RunDiffDto(
                a.runId(),
                b.runId(),
                a.pipelineId(),
                b.pipelineId(),
                a.status().yamlName(),
                b.status().yamlName(),
                a.logicalTime().toOffsetDateTime(),
                b.logicalTime().toOffsetDateTime(),
                !a.logicalTime().toInstant().equals(b.logicalTime().toInstant()),
                params(a, b),
                a.revision().orElse(null),
                b.revision().orElse(null),
                revisionChanged,
                revisionChanged ? revisionDiff(a, b).orElse(null) : null,
                tasks(detailA, detailB));
    }

    private static List<ParamChangeDto> params(RunRecord a, RunRecord b) {
        Set<String> names = new LinkedHashSet<>(a.params().keySet());
        names.addAll(b.params().keySet());
        List<ParamChangeDto> changes = new ArrayList<>();
        for (String name : names) {
            boolean inA = a.params().containsKey(name);
            boolean inB = b.params().containsKey(name);
            Object valueA = a.params().get(name);
            Object valueB = b.params().get(name);
            if (inA && inB && Objects.equals(valueA, valueB)) {
                continue;
            }
            String change = !inA ? "added" : !inB ? "removed" : "changed";
            changes.add(new ParamChangeDto(name, change, valueA, valueB));
        }
        return changes;
    }

    private Optional<String> revisionDiff(RunRecord a, RunRecord b) {
        if (a.revision().isEmpty() || b.revision().isEmpty()) {
            return Optional.empty();
        }
        Optional<PipelineRevisionStore.Loaded> textA =
                revisions.find(a.pipelineId(), a.revision().get());
        Optional<PipelineRevisionStore.Loaded> textB =
                revisions.find(b.pipelineId(), b.revision().get());
        if (textA.isEmpty() || textB.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(UnifiedDiff.of(
                textA.get().revision().file() + "@" + a.revision().get(),
                textA.get().text(),
                textB.get().revision().file() + "@" + b.revision().get(),
                textB.get().text()));
    }

    private List<TaskDiffDto> tasks(RunDetail a, RunDetail b) {
        List<String> taskIds =
                new ArrayList<>(b.tasks().stream().map(TaskRunRecord::taskId).toList());
        a.tasks().stream()
                .map(TaskRunRecord::taskId)
                .filter(taskId -> !taskIds.contains(taskId))
                .forEach(taskIds::add);
        List<TaskDiffDto> tasks = new ArrayList<>();
        for (String taskId : taskIds) {
            tasks.add(task(taskId, a.task(taskId), b.task(taskId)));
        }
        return tasks;
    }

    private TaskDiffDto task(String taskId, Optional<TaskRunRecord> a, Optional<TaskRunRecord> b) {
        Optional<Long> durationA = a.flatMap(TaskRunRecord::durationMillis);
        Optional<Long> durationB = b.flatMap(TaskRunRecord::durationMillis);
        Double ratio = durationA.isPresent() && durationB.isPresent() && durationA.get() > 0
                ? Math.round(durationB.get() * 100.0 / durationA.get()) / 100.0
                : null;
        String hashA = a.flatMap(this::outputHash).orElse(null);
        String hashB = b.flatMap(this::outputHash).orElse(null);
        boolean outputChanged = !Objects.equals(hashA, hashB);
        Integer attemptsA = a.map(TaskRunRecord::attemptCount).orElse(null);
        Integer attemptsB = b.map(TaskRunRecord::attemptCount).orElse(null);
        Optional<TaskState> stateA = a.map(TaskRunRecord::status);
        Optional<TaskState> stateB = b.map(TaskRunRecord::status);
        boolean changed = a.isEmpty()
                || b.isEmpty()
                || !stateA.equals(stateB)
                || !Objects.equals(attemptsA, attemptsB)
                || outputChanged;
        return new TaskDiffDto(
                taskId,
                changed,
                stateA.map(TaskState::yamlName).orElse(null),
                stateB.map(TaskState::yamlName).orElse(null),
                attemptsA,
                attemptsB,
                durationA.orElse(null),
                durationB.orElse(null),
                ratio,
                hashA,
                hashB,
                outputChanged,
                a.flatMap(RunDiffResource::firstError).orElse(null),
                b.flatMap(RunDiffResource::firstError).orElse(null));
    }

    /** The first line of the last attempt's error, else of the task's reason; nothing for a success. */
    static Optional<String> firstError(TaskRunRecord task) {
        if (task.status() == TaskState.SUCCESS) {
            return Optional.empty();
        }
        Optional<String> error = Optional.empty();
        for (AttemptRecord attempt : task.attempts()) {
            if (attempt.errorMessage().isPresent()) {
                error = attempt.errorMessage();
            }
        }
        return error.or(task::reason)
                .map(text -> text.strip().lines().findFirst().orElse(""))
                .filter(line -> !line.isEmpty());
    }

    /** The first 12 hex digits of the SHA-256 of the stored output's JSON, read from its spill file if it has one. */
    private Optional<String> outputHash(TaskRunRecord task) {
        Optional<StoredOutput> stored = history.findOutput(task.runId(), task.taskId());
        if (stored.isEmpty()
                || (stored.get().json().isEmpty() && stored.get().file().isEmpty())) {
            return Optional.empty();
        }
        MessageDigest digest = sha256();
        if (stored.get().json().isPresent()) {
            digest.update(stored.get().json().get().getBytes(StandardCharsets.UTF_8));
        } else {
            Path file = Path.of(stored.get().file().get());
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "cannot read the output of task " + task.taskId() + " of run " + task.runId() + " from " + file
                                + ": " + e.getMessage(),
                        e);
            }
        }
        return Optional.of(HexFormat.of().formatHex(digest.digest(), 0, 6));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
