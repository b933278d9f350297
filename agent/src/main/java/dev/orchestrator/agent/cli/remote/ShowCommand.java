package dev.orchestrator.agent.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.agent.cli.common.VersionProvider;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code orchestrator show RUN}: one run, each task with its state, attempts, duration and cause or output. */
@Command(
        name = "show",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Show one run: its times and outcome, and each task's state, attempts, duration, and the "
                    + "cause of its failure or a preview of its output.",
            AgentConnection.EXIT_CODES
        })
public final class ShowCommand implements Callable<Integer> {

    private static final int CELL_WIDTH = 100;

    @Mixin
    private AgentConnection connection;

    @Mixin
    private JsonOption output;

    @Parameters(paramLabel = "RUN", description = "The run's id (`orchestrator runs` shows them).")
    private String runId;

    @Override
    public Integer call() {
        return output.printAnswer(
                connection,
                agent -> RunDetailReader.read(agent, runId),
                (out, run) -> print(run, new HumanReadable(ZoneId.systemDefault()), out));
    }

    private static void print(JsonNode run, HumanReadable readable, PrintWriter out) {
        String duration = readable.duration(run.path("started_at"), run.path("finished_at"));
        out.println("run " + run.path("run_id").asText() + " of "
                + run.path("pipeline_id").asText() + ": " + run.path("status").asText()
                + (duration.equals(HumanReadable.NOTHING) ? "" : " after " + duration));
        field(
                out,
                "trigger",
                HumanReadable.text(run.path("trigger"))
                        + (run.hasNonNull("parent_run_id")
                                ? " (of " + run.path("parent_run_id").asText() + ")"
                                : ""));
        if (run.hasNonNull("parent_task_id")) { // a child run of a pipeline: task
            field(
                    out,
                    "called by",
                    "task " + run.path("parent_task_id").asText() + " of run "
                            + run.path("parent_run_id").asText());
        }
        field(out, "logical time", readable.time(run.path("logical_time")));
        field(out, "started", readable.time(run.path("started_at")));
        field(out, "finished", readable.time(run.path("finished_at")));
        if (run.hasNonNull("reason")) {
            field(out, "reason", HumanReadable.firstLine(run.path("reason"), CELL_WIDTH));
        }
        if (run.path("params").size() > 0) {
            field(out, "params", run.path("params").toString());
        }
        field(out, "agent", HumanReadable.text(run.path("agent_id")));
        if (run.hasNonNull("revision")) {
            field(out, "revision", run.path("revision").asText());
        }
        out.println();
        Table table = new Table("TASK", "STATE", "ATTEMPTS", "DURATION", "CAUSE OR OUTPUT");
        for (JsonNode task : run.path("tasks")) {
            table.row(
                    task.path("task_id").asText(),
                    task.path("status").asText(),
                    String.valueOf(task.path("attempts").size()),
                    duration(task, readable),
                    causeOrOutput(task));
        }
        if (table.isEmpty()) {
            out.println("no tasks have started");
        } else {
            table.print(out);
        }
        for (JsonNode task : run.path("tasks")) {
            JsonNode items = task.path("items");
            if (task.hasNonNull("child_run_id")) { // a pipeline: task
                out.println("child run of " + task.path("task_id").asText() + ": "
                        + task.path("child_run_id").asText() + " (orchestrator show "
                        + task.path("child_run_id").asText() + ")");
            }
            if (items.isObject()) { // a for_each task: where its items stand
                out.println("items of " + task.path("task_id").asText() + ": "
                        + items.path("done").asInt()
                        + " done, " + items.path("failed").asInt() + " failed, "
                        + items.path("running").asInt()
                        + " running, " + items.path("waiting").asInt() + " waiting (of "
                        + items.path("total").asInt() + ")");
            }
        }
        out.println("logs: orchestrator logs " + run.path("run_id").asText());
    }

    private static void field(PrintWriter out, String name, String value) {
        out.printf("%-13s %s%n", name, value);
    }

    private static String duration(JsonNode task, HumanReadable readable) {
        return task.path("duration_ms").isNumber()
                ? HumanReadable.duration(
                        Duration.ofMillis(task.path("duration_ms").asLong()))
                : readable.duration(task.path("started_at"), task.path("finished_at"));
    }

    /**
     * A task's mark (who marked it, why, and the output it gave); else a failure's cause (the first line of its last
     * attempt's error, else the task's reason); else the output.
     */
    private static String causeOrOutput(JsonNode task) {
        JsonNode mark = task.path("mark");
        if (mark.isObject()) {
            return HumanReadable.firstLine(
                    new com.fasterxml.jackson.databind.node.TextNode(
                            "marked " + mark.path("state").asText() + " by "
                                    + mark.path("by").asText()
                                    + (mark.hasNonNull("reason")
                                            ? ": " + mark.path("reason").asText()
                                            : "")
                                    + (task.hasNonNull("output")
                                            ? "; output: " + task.path("output").asText()
                                            : "")),
                    CELL_WIDTH);
        }
        JsonNode attempts = task.path("attempts");
        JsonNode last = attempts.isEmpty() ? null : attempts.get(attempts.size() - 1);
        String rollback = task.hasNonNull("rollback")
                ? "; rollback " + task.path("rollback").asText()
                : "";
        if (last != null && last.hasNonNull("error_message")) {
            return HumanReadable.firstLine(last.path("error_message"), CELL_WIDTH) + rollback;
        }
        if (task.hasNonNull("reason")) {
            return HumanReadable.firstLine(task.path("reason"), CELL_WIDTH) + rollback;
        }
        if (task.hasNonNull("output")) {
            return "output: " + HumanReadable.firstLine(task.path("output"), CELL_WIDTH)
                    + (task.path("output_reused").asBoolean() ? " (reused)" : "")
                    + (task.path("cached").asBoolean() ? " (cached)" : "");
        }
        return HumanReadable.NOTHING;
    }
}
