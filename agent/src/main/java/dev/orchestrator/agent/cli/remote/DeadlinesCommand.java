package dev.orchestrator.agent.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.agent.cli.common.VersionProvider;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code orchestrator deadlines [PIPELINE]}: the deadlines scheduled runs missed, and what was known of each run. */
@Command(
        name = "deadlines",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "List the deadlines scheduled runs missed, newest scheduled time first: not started within "
                    + "start_within_seconds, or not succeeded within finish_within_seconds or by finish_by, with "
                    + "what was known of the run, and when it finished late.",
            AgentConnection.EXIT_CODES
        })
public final class DeadlinesCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private AgentConnection connection;

    @Mixin
    private JsonOption output;

    @Parameters(paramLabel = "PIPELINE", arity = "0..1", description = "Missed deadlines of this pipeline only.")
    private String pipelineId;

    @Mixin
    private ScheduledPage listing;

    @Override
    public Integer call() {
        return output.printAnswer(
                connection, agent -> listing.fetch(spec, agent, "/api/v1/deadlines", pipelineId), this::printText);
    }

    /** The missed deadlines as a table for people, with the page line. */
    private void printText(PrintWriter out, JsonNode missed) {
        if (missed.path("items").isEmpty()) {
            listing.printEmpty(out, missed, "missed deadlines", "no missed deadlines", pipelineId);
        } else {
            HumanReadable readable = new HumanReadable(ZoneId.systemDefault());
            Table table = new Table("PIPELINE", "SCHEDULED FOR", "DEADLINE", "DUE", "RUN", "LATE");
            for (JsonNode deadline : missed.path("items")) {
                table.row(
                        deadline.path("pipeline_id").asText(),
                        readable.time(deadline.path("scheduled_for")),
                        deadline.path("deadline").asText(),
                        readable.time(deadline.path("due_at")),
                        HumanReadable.firstLine(deadline.path("situation"), 80),
                        deadline.path("late_by_minutes").isNumber()
                                ? "finished " + deadline.path("late_by_minutes").asLong() + " min late"
                                : "");
            }
            table.print(out);
            listing.printFooter(out, missed, "missed deadline", "missed deadlines");
        }
    }
}
