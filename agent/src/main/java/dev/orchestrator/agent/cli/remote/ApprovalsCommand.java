package dev.orchestrator.agent.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.agent.cli.common.VersionProvider;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code orchestrator approvals}: the tasks waiting for an operator's approval, the longest-waiting first. */
@Command(
        name = "approvals",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "List the tasks waiting for approval on the agent (and every agent sharing its database), the "
                    + "longest-waiting first: the run, pipeline, task, message and how long it has waited. "
                    + "Decide one with `orchestrator approve|reject RUN TASK`.",
            AgentConnection.EXIT_CODES
        })
public final class ApprovalsCommand implements Callable<Integer> {

    @Mixin
    private AgentConnection connection;

    @Mixin
    private JsonOption output;

    private final Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        return output.printAnswer(connection, agent -> agent.get(ApiPath.of("/api/v1/approvals")), this::printText);
    }

    /** The waiting approvals as a table for people, and how to decide them. */
    private void printText(PrintWriter out, JsonNode waiting) {
        if (waiting.isEmpty()) {
            out.println("no task is waiting for approval");
        } else {
            Table table = new Table("RUN", "PIPELINE", "TASK", "WAITED", "MESSAGE");
            for (JsonNode approval : waiting) {
                table.row(
                        approval.path("run_id").asText(),
                        approval.path("pipeline_id").asText(),
                        approval.path("task_id").asText(),
                        waited(approval.path("waiting_since")),
                        HumanReadable.firstLine(approval.path("message"), 80));
            }
            table.print(out);
            out.println(waiting.size() + (waiting.size() == 1 ? " task waits" : " tasks wait")
                    + "; decide with `orchestrator approve RUN TASK` or `orchestrator reject RUN TASK`");
        }
    }

    /** From when it began waiting to now; "-" when the agent sent no time. */
    private String waited(JsonNode since) {
        if (!since.isTextual()) {
            return HumanReadable.NOTHING;
        }
        try {
            Duration waited =
                    Duration.between(OffsetDateTime.parse(since.asText()).toInstant(), clock.instant());
            return HumanReadable.duration(waited.isNegative() ? Duration.ZERO : waited);
        } catch (DateTimeParseException e) {
            return since.asText();
        }
    }
}
