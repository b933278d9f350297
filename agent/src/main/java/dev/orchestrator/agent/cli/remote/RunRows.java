package dev.orchestrator.agent.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;

/** Runs as people read them: a table of a page of runs, and one run's outcome with the errors that ended it. */
final class RunRows {

    /** A reason's first line is cut to this in tables; {@code orchestrator show} has the whole cause. */
    static final int REASON_WIDTH = 80;

    private final HumanReadable readable;

    private final java.util.Map<String, java.time.ZoneId> pipelineZones;

    RunRows(HumanReadable readable) {
        this(readable, java.util.Map.of());
    }

    /** @param pipelineZones each pipeline's zone, for its runs' logical times; others are shown in local time */
    RunRows(HumanReadable readable, java.util.Map<String, java.time.ZoneId> pipelineZones) {
        this.readable = readable;
        this.pipelineZones = pipelineZones;
    }

    /** Each pipeline's zone, as {@code GET /pipelines} names it. */
    static java.util.Map<String, java.time.ZoneId> zones(JsonNode pipelines, HumanReadable readable) {
        java.util.Map<String, java.time.ZoneId> zones = new java.util.HashMap<>();
        pipelines.forEach(
                pipeline -> zones.put(pipeline.path("id").asText(), readable.zoneOr(pipeline.path("timezone"))));
        return zones;
    }

    /** The runs of a page; with an AGENT column when they ran on several agents (a cluster shares its history). */
    Table table(JsonNode runs) {
        java.util.Set<String> agents = new java.util.HashSet<>();
        runs.forEach(run -> agents.add(run.path("agent_id").asText()));
        boolean cluster = agents.size() > 1;
        Table table = cluster
                ? new Table(
                        "RUN",
                        "PIPELINE",
                        "STATUS",
                        "TRIGGER",
                        "LOGICAL TIME",
                        "STARTED",
                        "DURATION",
                        "REASON",
                        "AGENT")
                : new Table("RUN", "PIPELINE", "STATUS", "TRIGGER", "LOGICAL TIME", "STARTED", "DURATION", "REASON");
        for (JsonNode run : runs) {
            java.util.List<String> cells = new java.util.ArrayList<>(java.util.List.of(
                    run.path("run_id").asText(),
                    run.path("pipeline_id").asText(),
                    run.path("status").asText(),
                    HumanReadable.text(run.path("trigger")),
                    logicalTime(run),
                    readable.time(run.path("started_at")),
                    readable.duration(run.path("started_at"), run.path("finished_at")),
                    HumanReadable.firstLine(run.path("reason"), REASON_WIDTH)));
            if (cluster) {
                cells.add(run.path("agent_id").asText());
            }
            table.row(cells.toArray(String[]::new));
        }
        return table;
    }

    /** The logical time in its pipeline's zone, where known. */
    private String logicalTime(JsonNode run) {
        java.time.ZoneId zone = pipelineZones.get(run.path("pipeline_id").asText());
        return zone == null
                ? readable.time(run.path("logical_time"))
                : HumanReadable.time(run.path("logical_time"), zone);
    }

    /** The outcome line, then each task that did not succeed with its last attempt's error. */
    void printOutcome(JsonNode run, PrintWriter out) {
        String duration = readable.duration(run.path("started_at"), run.path("finished_at"));
        out.println("run " + run.path("run_id").asText() + " of "
                + run.path("pipeline_id").asText() + ": " + run.path("status").asText()
                + (duration.equals(HumanReadable.NOTHING) ? "" : " after " + duration));
        if (run.hasNonNull("reason")) {
            out.println("  " + run.path("reason").asText());
        }
        for (JsonNode task : run.path("tasks")) {
            String status = task.path("status").asText();
            if (status.equals("success")) {
                continue;
            }
            JsonNode attempts = task.path("attempts");
            JsonNode last = attempts.isEmpty() ? task : attempts.get(attempts.size() - 1);
            String error = last.hasNonNull("error_message")
                    ? (last.hasNonNull("error_type")
                                    ? simpleName(last.path("error_type").asText()) + ": "
                                    : "")
                            + last.path("error_message").asText()
                    : HumanReadable.text(task.path("reason"));
            out.println("  task " + task.path("task_id").asText() + ": " + status
                    + (error.equals(HumanReadable.NOTHING) ? "" : ": " + error));
        }
    }

    /** {@code ShellCommandFailedException} without its package; {@code --json} has the full name. */
    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
