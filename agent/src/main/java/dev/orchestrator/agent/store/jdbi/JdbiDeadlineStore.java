package dev.orchestrator.agent.store.jdbi;

import dev.orchestrator.agent.store.DeadlineStore;
import dev.orchestrator.agent.store.MissedDeadline;
import dev.orchestrator.agent.store.Page;
import dev.orchestrator.model.Deadline;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TriggerKind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * {@link DeadlineStore} on Jdbi. "Once for the cluster" is the primary key: an insert that meets a row already there
 * fails with a duplicate key, the same answer on H2 and PostgreSQL, and is the answer "recorded before". Each such
 * insert is a statement of its own, since on PostgreSQL a failed statement voids the rest of its transaction.
 * Thread-safe.
 */
public final class JdbiDeadlineStore implements DeadlineStore {

    private final Jdbi jdbi;

    public JdbiDeadlineStore(Database database) {
        this.jdbi = database.jdbi();
    }

    @Override
    public Instant checkedUntil(String pipelineId, Instant firstSeen) {
        Optional<Instant> mark = readMark(pipelineId);
        if (mark.isPresent()) {
            return mark.get();
        }
        DuplicateKey.insertOnce(() -> jdbi.useHandle(handle -> handle.createUpdate(
                        "INSERT INTO deadline_watch (pipeline_id, checked_until) VALUES (:id, :at)")
                .bind("id", pipelineId)
                .bind("at", firstSeen)
                .execute()));
        return readMark(pipelineId).orElse(firstSeen);
    }

    private Optional<Instant> readMark(String pipelineId) {
        return jdbi.withHandle(
                handle -> handle.createQuery("SELECT checked_until FROM deadline_watch WHERE pipeline_id = :id")
                        .bind("id", pipelineId)
                        .mapTo(Instant.class)
                        .findOne());
    }

    @Override
    public void advanceCheckedUntil(String pipelineId, Instant until) {
        jdbi.useHandle(handle -> handle.createUpdate(
                        "UPDATE deadline_watch SET checked_until = :until WHERE pipeline_id = :id AND checked_until < :until")
                .bind("until", until)
                .bind("id", pipelineId)
                .execute());
    }

    @Override
    public List<RunTimes> runsScheduledBetween(String pipelineId, Instant from, Instant to) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT run_id, logical_time, status, trigger_kind, created_at, started_at, finished_at
                        FROM runs WHERE pipeline_id = :id AND logical_time >= :from AND logical_time <= :to
                        ORDER BY logical_time, created_at""")
                .bind("id", pipelineId)
                .bind("from", from)
                .bind("to", to)
                .map((row, context) -> runTimes(row))
                .list());
    }

    @Override
    public Optional<RunTimes> runTimes(String runId) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT run_id, logical_time, status, trigger_kind, created_at, started_at, finished_at
                        FROM runs WHERE run_id = :id""")
                .bind("id", runId)
                .map((row, context) -> runTimes(row))
                .findOne());
    }

    private static RunTimes runTimes(ResultSet row) throws SQLException {
        return new RunTimes(
                row.getString("run_id"),
                Times.readRequired(row, "logical_time"),
                RunState.valueOf(row.getString("status").toUpperCase(Locale.ROOT)),
                TriggerKind.valueOf(row.getString("trigger_kind").toUpperCase(Locale.ROOT)),
                Times.readRequired(row, "created_at"),
                Times.read(row, "started_at"),
                Times.read(row, "finished_at"));
    }

    @Override
    public boolean recordMiss(MissedDeadline miss) {
        return DuplicateKey.insertOnce(() -> jdbi.useHandle(handle -> handle.createUpdate("""
                        INSERT INTO missed_deadlines (pipeline_id, scheduled_for, kind, time_zone, rule_text, due_at,
                            run_id, run_status, situation, raised_at, raised_by, late_finished_at)
                        VALUES (:pipelineId, :scheduledFor, :kind, :zone, :rule, :dueAt, :runId, :runStatus,
                            :situation, :raisedAt, :raisedBy, :lateFinishedAt)""")
                .bind("pipelineId", miss.pipelineId())
                .bind("scheduledFor", miss.scheduledFor())
                .bind("kind", miss.kind().yamlName())
                .bind("zone", miss.zone().getId())
                .bind("rule", miss.rule())
                .bind("dueAt", miss.dueAt())
                .bind("runId", miss.runId().orElse(null))
                .bind("runStatus", miss.runStatus().orElse(null))
                .bind("situation", miss.situation())
                .bind("raisedAt", miss.raisedAt())
                .bind("raisedBy", miss.raisedBy())
                .bind("lateFinishedAt", miss.lateFinishedAt().orElse(null))
                .execute()));
    }

    @Override
    public Optional<MissedDeadline> findMiss(String pipelineId, Instant scheduledFor, Deadline.Kind kind) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT * FROM missed_deadlines
                        WHERE pipeline_id = :id AND scheduled_for = :scheduledFor AND kind = :kind""")
                .bind("id", pipelineId)
                .bind("scheduledFor", scheduledFor)
                .bind("kind", kind.yamlName())
                .map((row, context) -> miss(row))
                .findOne());
    }

    @Override
    public boolean markFinishedLate(String pipelineId, Instant scheduledFor, Instant finishedAt) {
        return jdbi.withHandle(handle -> handle.createUpdate("""
                                UPDATE missed_deadlines SET late_finished_at = :finishedAt
                                WHERE pipeline_id = :id AND scheduled_for = :scheduledFor AND kind = 'finish'
                                AND late_finished_at IS NULL""")
                        .bind("finishedAt", finishedAt)
                        .bind("id", pipelineId)
                        .bind("scheduledFor", scheduledFor)
                        .execute())
                == 1;
    }

    @Override
    public Page<MissedDeadline> findMisses(
            Optional<String> pipelineId, Optional<Instant> from, Optional<Instant> to, int page, int size) {
        return jdbi.withHandle(handle -> new ScheduledWindow(pipelineId, from, to)
                .page(
                        handle,
                        "missed_deadlines",
                        "scheduled_for DESC, pipeline_id, kind DESC",
                        page,
                        size,
                        (row, context) -> miss(row)));
    }

    private static MissedDeadline miss(ResultSet row) throws SQLException {
        return new MissedDeadline(
                row.getString("pipeline_id"),
                Times.readRequired(row, "scheduled_for"),
                Deadline.Kind.valueOf(row.getString("kind").toUpperCase(Locale.ROOT)),
                ZoneId.of(row.getString("time_zone")),
                row.getString("rule_text"),
                Times.readRequired(row, "due_at"),
                Optional.ofNullable(row.getString("run_id")),
                Optional.ofNullable(row.getString("run_status")),
                row.getString("situation"),
                Times.readRequired(row, "raised_at"),
                row.getString("raised_by"),
                Times.read(row, "late_finished_at"));
    }

    @Override
    public int purgeMissesBefore(Instant cutoff) {
        return jdbi.withHandle(
                handle -> handle.createUpdate("DELETE FROM missed_deadlines WHERE scheduled_for < :cutoff")
                        .bind("cutoff", cutoff)
                        .execute());
    }
}
