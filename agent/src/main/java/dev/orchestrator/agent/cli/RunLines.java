package dev.orchestrator.agent.cli;

import dev.orchestrator.agent.execute.FinishedRun;
import dev.orchestrator.agent.execute.RunObserver;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.RunState;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What {@code orchestrator run} prints in the foreground: one line when a run starts, one when it ends, with its
 * state, duration and, when it failed, its cause. On stdout, apart from the agent's log (stderr and agent.log).
 * Thread-safe.
 */
final class RunLines implements RunObserver {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private final PrintWriter out;
    private final Clock clock;
    private final ZoneId zone;
    private final Map<String, Instant> started = new ConcurrentHashMap<>();

    RunLines(PrintWriter out, Clock clock, ZoneId zone) {
        this.out = out;
        this.clock = clock;
        this.zone = zone;
    }

    @Override
    public void runChanged(String runId, String pipelineId, RunState state) {
        // a run waiting for an event is RUNNING again when it resumes: one start line
        if (state == RunState.RUNNING && started.putIfAbsent(runId, clock.instant()) == null) {
            print("run " + runId + " of " + pipelineId + " started");
        }
    }

    @Override
    public void runFinished(Pipeline pipeline, FinishedRun run) {
        Instant start = started.remove(run.runId());
        String duration = start == null ? "" : " after " + duration(Duration.between(start, clock.instant()));
        String cause = run.state() == RunState.SUCCESS
                ? ""
                : run.failedTasks().isEmpty()
                        ? run.firstError().map(error -> ": " + error).orElse("")
                        : ": task " + run.failedTasks().get(0)
                                + run.firstError().map(error -> ": " + error).orElse("");
        print("run " + run.runId() + " of " + run.pipelineId() + ": "
                + run.state().yamlName() + duration + cause);
    }

    private void print(String line) {
        synchronized (out) {
            out.println(TIME.format(clock.instant().atZone(zone)) + " " + zone.getId() + "  " + line);
            out.flush();
        }
    }

    private static String duration(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        if (millis < 3_600_000) {
            return duration.toMinutes() + " min " + duration.toSecondsPart() + " s";
        }
        return duration.toHours() + " h " + duration.toMinutesPart() + " min";
    }
}
