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

/** {@code orchestrator diff RUN_A RUN_B}: what changed from one run to another, task by task. */
@Command(
        name = "diff",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Compare two runs: parameters, logical time, the pipeline's text when they ran different revisions, "
                    + "and each task's state, attempts, duration (B's over A's), output (changed or not) and first "
                    + "error line. Changed tasks are marked with *.",
            AgentConnection.EXIT_CODES
        })
public final class DiffCommand implements Callable<Integer> {

    private static final int CELL_WIDTH = 80;

    @Mixin
    private AgentConnection connection;

    @Mixin
    private JsonOption output;

    @Parameters(index = "0", paramLabel = "RUN_A", description = "The run to compare from, such as the last success.")
    private String runA;

    @Parameters(index = "1", paramLabel = "RUN_B", description = "The run to compare with it.")
    private String runB;

    @Override
    public Integer call() {
        return output.printAnswer(
                connection,
                agent -> agent.get(
                        ApiPath.of("/api/v1/runs/diff").query("a", runA).query("b", runB)),
                (out, diff) -> print(diff, new HumanReadable(ZoneId.systemDefault()), out));
    }

    private static void print(JsonNode diff, HumanReadable readable, PrintWriter out) {
        out.println("A " + diff.path("a").asText() + " ("
                + diff.path("pipeline_id_a").asText() + ", "
                + diff.path("status_a").asText() + ")");
        out.println("B " + diff.path("b").asText() + " ("
                + diff.path("pipeline_id_b").asText() + ", "
                + diff.path("status_b").asText() + ")");
        if (diff.path("logical_time_changed").asBoolean()) {
            out.println("logical time: " + readable.time(diff.path("logical_time_a")) + " -> "
                    + readable.time(diff.path("logical_time_b")));
        }
        for (JsonNode param : diff.path("params_changed")) {
            out.println("param " + param.path("name").asText() + " ("
                    + param.path("change").asText() + "): " + param.path("a") + " -> " + param.path("b"));
        }
        out.println("revision: " + HumanReadable.text(diff.path("revision_a")) + " -> "
                + HumanReadable.text(diff.path("revision_b"))
                + (diff.path("revision_changed").asBoolean() ? "" : " (same)"));
        out.println();
        Table table = new Table("", "TASK", "STATE A/B", "ATTEMPTS A/B", "DURATION A/B", "RATIO", "OUTPUT", "ERROR");
        for (JsonNode task : diff.path("tasks")) {
            table.row(
                    task.path("changed").asBoolean() ? "*" : "",
                    task.path("task_id").asText(),
                    pair(task, "state_a", "state_b"),
                    pair(task, "attempts_a", "attempts_b"),
                    duration(task.path("duration_ms_a")) + " / " + duration(task.path("duration_ms_b")),
                    task.hasNonNull("duration_ratio")
                            ? "x" + task.path("duration_ratio").asText()
                            : HumanReadable.NOTHING,
                    task.path("output_changed").asBoolean() ? "changed" : "same",
                    error(task));
        }
        table.print(out);
        if (diff.hasNonNull("revision_diff")) {
            out.println();
            out.print(diff.path("revision_diff").asText());
        }
    }

    private static String pair(JsonNode task, String a, String b) {
        return HumanReadable.text(task.path(a)) + " / " + HumanReadable.text(task.path(b));
    }

    private static String duration(JsonNode millis) {
        return millis.isNumber() ? HumanReadable.duration(Duration.ofMillis(millis.asLong())) : HumanReadable.NOTHING;
    }

    /** B's first error line, else A's (marked), else nothing. */
    private static String error(JsonNode task) {
        if (task.hasNonNull("first_error_b")) {
            return HumanReadable.firstLine(task.path("first_error_b"), CELL_WIDTH);
        }
        if (task.hasNonNull("first_error_a")) {
            return "A: " + HumanReadable.firstLine(task.path("first_error_a"), CELL_WIDTH);
        }
        return HumanReadable.NOTHING;
    }
}
