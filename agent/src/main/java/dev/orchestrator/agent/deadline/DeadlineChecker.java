package dev.orchestrator.agent.deadline;

import dev.orchestrator.agent.deadline.DueDeadlines.Pending;
import dev.orchestrator.agent.notify.Alert;
import dev.orchestrator.agent.notify.AlertDispatcher;
import dev.orchestrator.agent.store.DeadlineStore;
import dev.orchestrator.agent.store.DeadlineStore.RunTimes;
import dev.orchestrator.agent.store.MissedDeadline;
import dev.orchestrator.model.Deadline;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TriggerKind;
import dev.orchestrator.secret.SecretMasker;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Decides whether the run of a scheduled fire met a deadline that has passed, and alerts once when it did not: the
 * miss is recorded first, keyed by pipeline, scheduled time and kind, and only the agent whose record went in sends
 * the alert. A start deadline is met by a run that started by then; a finish deadline by a run that succeeded by
 * then, so a run that failed, is still queued or running, or was never created (the agent was down, the fire was
 * skipped) misses it. A run that succeeds after missing its finish deadline says "finished late" once. Thread-safe
 * as long as one thread calls it, which {@link DeadlineWatch} sees to.
 */
final class DeadlineChecker {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");

    private final DeadlineStore store;
    private final AlertDispatcher alerts;
    private final Supplier<SecretMasker> secrets;
    private final String agentId;

    DeadlineChecker(DeadlineStore store, AlertDispatcher alerts, Supplier<SecretMasker> secrets, String agentId) {
        this.store = store;
        this.alerts = alerts;
        this.secrets = secrets;
        this.agentId = agentId;
    }

    /** Checks deadlines of one pipeline that passed by {@code now}. */
    void check(Pipeline pipeline, List<Pending> due, Instant now) {
        if (due.isEmpty()) {
            return;
        }
        Instant first = due.stream()
                .map(pending -> pending.scheduledFor().toInstant())
                .min(Comparator.naturalOrder())
                .orElseThrow();
        Instant last = due.stream()
                .map(pending -> pending.scheduledFor().toInstant())
                .max(Comparator.naturalOrder())
                .orElseThrow();
        List<RunTimes> runs = store.runsScheduledBetween(pipeline.id(), first, last).stream()
                .filter(run -> run.trigger() != TriggerKind.TEST)
                .toList();
        for (Pending pending : due) {
            Instant scheduled = pending.scheduledFor().toInstant();
            List<RunTimes> ofFire = runs.stream()
                    .filter(run -> run.logicalTime().equals(scheduled))
                    .toList();
            if (!met(pending.due(), ofFire)) {
                missed(
                        pipeline,
                        pending,
                        ofFire.isEmpty() ? Optional.empty() : Optional.of(ofFire.get(ofFire.size() - 1)),
                        now);
            }
        }
    }

    private static boolean met(Deadline.Due due, List<RunTimes> runs) {
        Instant at = due.at().toInstant();
        return runs.stream().anyMatch(run -> switch (due.kind()) {
            case START ->
                run.startedAt().filter(started -> !started.isAfter(at)).isPresent();
            case FINISH ->
                run.status() == RunState.SUCCESS
                        && run.finishedAt()
                                .filter(finished -> !finished.isAfter(at))
                                .isPresent();
        });
    }

    private void missed(Pipeline pipeline, Pending pending, Optional<RunTimes> run, Instant now) {
        Deadline.Due due = pending.due();
        ZoneId zone = pending.scheduledFor().getZone();
        Optional<Instant> lateFinish = run.filter(
                        found -> due.kind() == Deadline.Kind.FINISH && found.status() == RunState.SUCCESS)
                .flatMap(RunTimes::finishedAt);
        MissedDeadline miss = new MissedDeadline(
                pipeline.id(),
                pending.scheduledFor().toInstant(),
                due.kind(),
                zone,
                due.rule(),
                due.at().toInstant(),
                run.map(RunTimes::runId),
                run.map(found -> found.status().yamlName()),
                situation(run, due, zone),
                now,
                agentId,
                lateFinish);
        if (!store.recordMiss(miss)) {
            return; // another agent, or this one before a restart, raised it
        }
        send(pipeline, miss, Alert.Kind.DEADLINE_MISSED, Optional.empty());
        if (due.kind() == Deadline.Kind.FINISH && lateFinish.isEmpty() && run.isPresent()) {
            // the run may have succeeded between the read above and the record: its end found no miss to report
            store.runTimes(run.get().runId())
                    .filter(reread -> reread.status() == RunState.SUCCESS)
                    .flatMap(RunTimes::finishedAt)
                    .ifPresent(finished -> finishedLate(pipeline, miss, finished));
        }
    }

    /** A run of the pipeline succeeded: if its fire had missed its finish deadline, it finished late. */
    void runSucceeded(Pipeline pipeline, String runId) {
        Optional<RunTimes> run = store.runTimes(runId);
        if (run.isEmpty() || run.get().finishedAt().isEmpty() || run.get().trigger() == TriggerKind.TEST) {
            return;
        }
        store.findMiss(pipeline.id(), run.get().logicalTime(), Deadline.Kind.FINISH)
                .filter(miss -> miss.lateFinishedAt().isEmpty())
                .ifPresent(miss ->
                        finishedLate(pipeline, miss, run.get().finishedAt().get()));
    }

    private void finishedLate(Pipeline pipeline, MissedDeadline miss, Instant finishedAt) {
        if (store.markFinishedLate(miss.pipelineId(), miss.scheduledFor(), finishedAt)) {
            send(pipeline, miss, Alert.Kind.FINISHED_LATE, Optional.of(finishedAt));
        }
    }

    private void send(Pipeline pipeline, MissedDeadline miss, Alert.Kind kind, Optional<Instant> finishedAt) {
        SecretMasker masker = secrets.get();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put(
                "scheduled_for",
                miss.scheduledFor().atZone(miss.zone()).toOffsetDateTime().toString());
        details.put("deadline", miss.rule());
        details.put("deadline_kind", miss.kind().yamlName());
        details.put(
                "due_at", miss.dueAt().atZone(miss.zone()).toOffsetDateTime().toString());
        details.put(
                "run",
                finishedAt
                        .map(at -> miss.runId().orElse("the run") + " succeeded at " + show(at, miss.zone()))
                        .orElse(miss.situation()));
        finishedAt.ifPresent(at -> details.put("late_by_minutes", MissedDeadline.lateByMinutes(miss.dueAt(), at)));
        Alert alert = new Alert(
                kind,
                pipeline.id(),
                masker.mask(pipeline.name()),
                miss.runId().orElse(""),
                finishedAt.isPresent()
                        ? RunState.SUCCESS.yamlName()
                        : miss.runStatus().orElse("none"),
                List.of(),
                Optional.empty(),
                0,
                details);
        alerts.dispatch(pipeline.notifications().channels(), alert, masker);
    }

    private static String situation(Optional<RunTimes> found, Deadline.Due due, ZoneId zone) {
        if (found.isEmpty()) {
            return "no run was created for this fire (the agent was down, or the fire was skipped)";
        }
        RunTimes run = found.get();
        String id = run.runId() + " ";
        return switch (run.status()) {
            case QUEUED -> id + "queued since " + show(run.createdAt(), zone);
            case RUNNING ->
                due.kind() == Deadline.Kind.START
                        ? id + "started late, at "
                                + run.startedAt().map(at -> show(at, zone)).orElse("?")
                        : id + "running since "
                                + run.startedAt().map(at -> show(at, zone)).orElse("?");
            case SUCCESS ->
                due.kind() == Deadline.Kind.START
                        ? id + "started late, at "
                                + run.startedAt().map(at -> show(at, zone)).orElse("?")
                        : id + "succeeded late, at "
                                + run.finishedAt().map(at -> show(at, zone)).orElse("?");
            default ->
                id + run.status().yamlName() + " at "
                        + run.finishedAt().map(at -> show(at, zone)).orElse("?");
        };
    }

    private static String show(Instant instant, ZoneId zone) {
        return ZonedDateTime.ofInstant(instant, zone).format(TIME);
    }
}
