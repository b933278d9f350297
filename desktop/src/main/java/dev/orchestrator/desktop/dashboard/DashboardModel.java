package dev.orchestrator.desktop.dashboard;

import dev.orchestrator.api.RunDto;
import dev.orchestrator.desktop.client.MissedDeadline;
import dev.orchestrator.desktop.client.Stats;
import dev.orchestrator.desktop.client.UpcomingFire;
import dev.orchestrator.desktop.session.AgentSession;
import dev.orchestrator.desktop.session.SharedHistories;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ObservableList;

/**
 * The dashboard's figures for one agent or all of them together, recomputed whenever a session's data
 * changes: runs today, success rate, average duration, the duration trend, runs per hour, the last 10 runs,
 * the fires due next, pipelines whose last run failed, and the deadlines missed today. Agents of one cluster count
 * once: they share a history.
 */
public final class DashboardModel {

    /** A run and the agent it ran on. */
    public record AgentRun(String agent, RunDto run) {}

    /** A fire due soon and the agent that will fire it. */
    public record AgentFire(String agent, UpcomingFire fire) {}

    /** A finished run of the trend or of a failing pipeline, with its agent. */
    public record AgentFinishedRun(String agent, Stats.FinishedRun run) {}

    /** A deadline missed today and the agent that reported it. */
    public record AgentMissed(String agent, MissedDeadline missed) {}

    /** Everything the dashboard shows, computed at once. */
    public record Figures(
            long runsToday,
            long failedToday,
            Double successRate,
            Long averageDurationMs,
            List<Stats.HourCount> runsPerHour,
            List<AgentFinishedRun> durationTrend,
            List<AgentRun> lastRuns,
            List<AgentFire> upcoming,
            List<AgentFinishedRun> failing,
            List<AgentMissed> late) {

        static final Figures NONE =
                new Figures(0, 0, null, null, List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    private static final int LAST_RUNS = 10;
    private static final int TREND_RUNS = 50;
    private static final int UPCOMING = 12;

    private final ObservableList<AgentSession> sessions;
    private final ObjectProperty<String> scope = new SimpleObjectProperty<>();
    private final ObjectProperty<Figures> figures = new SimpleObjectProperty<>(Figures.NONE);

    public DashboardModel(ObservableList<AgentSession> sessions) {
        this.sessions = sessions;
        SharedHistories.watch(
                sessions,
                session -> List.of(session.todayProperty(), session.runs(), session.upcoming(), session.late()),
                this::recompute);
        scope.addListener(observable -> recompute());
        recompute();
    }

    public ObservableList<AgentSession> sessions() {
        return sessions;
    }

    /** The agent shown, or null for all of them. */
    public ObjectProperty<String> scopeProperty() {
        return scope;
    }

    public ReadOnlyObjectProperty<Figures> figuresProperty() {
        return figures;
    }

    private void recompute() {
        // all agents: agents of one cluster serve the same history, which counts once
        List<AgentSession> shown = scope.get() == null
                ? SharedHistories.onePerHistory(sessions)
                : sessions.stream()
                        .filter(session -> session.name().equals(scope.get()))
                        .toList();
        long runs = 0;
        long failed = 0;
        long finished = 0;
        long succeeded = 0;
        long durationWeight = 0;
        double durationSum = 0;
        Map<OffsetDateTime, long[]> perHour = new TreeMap<>();
        List<AgentFinishedRun> trend = new ArrayList<>();
        List<AgentFinishedRun> failing = new ArrayList<>();
        List<AgentRun> lastRuns = new ArrayList<>();
        List<AgentFire> upcoming = new ArrayList<>();
        List<AgentMissed> late = new ArrayList<>();
        for (AgentSession session : shown) {
            Stats stats = session.todayProperty().get();
            if (stats != null) {
                runs += stats.total();
                long sessionFailed = stats.byStatus().getOrDefault("failed", 0L)
                        + stats.byStatus().getOrDefault("crashed", 0L);
                failed += sessionFailed;
                long sessionFinished = sessionFailed
                        + stats.byStatus().getOrDefault("success", 0L)
                        + stats.byStatus().getOrDefault("cancelled", 0L);
                finished += sessionFinished;
                succeeded += stats.byStatus().getOrDefault("success", 0L);
                if (stats.averageDurationMs() != null) {
                    durationSum += stats.averageDurationMs() * (double) sessionFinished;
                    durationWeight += sessionFinished;
                }
                for (Stats.HourCount hour : stats.runsPerHour()) {
                    long[] counts = perHour.computeIfAbsent(
                            hour.hour().toInstant().atOffset(java.time.ZoneOffset.UTC), key -> new long[2]);
                    counts[0] += hour.runs();
                    counts[1] += hour.failed();
                }
                stats.durationTrend().forEach(run -> trend.add(new AgentFinishedRun(session.name(), run)));
                stats.failingPipelines().forEach(run -> failing.add(new AgentFinishedRun(session.name(), run)));
            }
            session.runs().forEach(run -> lastRuns.add(new AgentRun(session.name(), run)));
            session.upcoming().forEach(fire -> upcoming.add(new AgentFire(session.name(), fire)));
            session.late().forEach(missed -> late.add(new AgentMissed(session.name(), missed)));
        }
        trend.sort(Comparator.comparing(run -> run.run().finishedAt()));
        lastRuns.sort(
                Comparator.comparing((AgentRun run) -> run.run().createdAt()).reversed());
        upcoming.sort(Comparator.comparing(fire -> fire.fire().fireTime()));
        late.sort(Comparator.comparing((AgentMissed missed) -> missed.missed().dueAt())
                .reversed());
        List<Stats.HourCount> hours = new ArrayList<>();
        perHour.forEach((hour, counts) -> hours.add(new Stats.HourCount(hour, counts[0], counts[1])));
        figures.set(new Figures(
                runs,
                failed,
                finished == 0 ? null : succeeded / (double) finished,
                durationWeight == 0 ? null : Math.round(durationSum / durationWeight),
                hours,
                List.copyOf(trend.subList(Math.max(0, trend.size() - TREND_RUNS), trend.size())),
                List.copyOf(lastRuns.subList(0, Math.min(LAST_RUNS, lastRuns.size()))),
                List.copyOf(upcoming.subList(0, Math.min(UPCOMING, upcoming.size()))),
                List.copyOf(failing),
                List.copyOf(late)));
    }

    /** The figures shown now. */
    public Figures figures() {
        return figures.get();
    }
}
