package dev.orchestrator.agent.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.agent.JsonMapper;
import dev.orchestrator.agent.cli.common.ExitCodes;
import dev.orchestrator.agent.cli.common.VersionProvider;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
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

    @Option(
            names = "--from",
            paramLabel = "TIME",
            converter = RunFilters.TimeConverter.class,
            description = "Runs scheduled at or after this date (2024-03-15, midnight UTC) or time with offset.")
    private String from;

    @Option(
            names = "--to",
            paramLabel = "TIME",
            converter = RunFilters.TimeConverter.class,
            description = "Runs scheduled before this date or time, as for --from.")
    private String to;

    @Option(
            names = "--page",
            paramLabel = "N",
            defaultValue = "1",
            description = "Page, from 1. Default: " + "${DEFAULT-VALUE}")
    private int page;

    @Option(
            names = "--size",
            paramLabel = "N",
            defaultValue = "20",
            description = "Missed deadlines per page, 1 to 500. " + "Default: ${DEFAULT-VALUE}")
    private int size;

    @Override
    public Integer call() {
        if (page < 1 || size < 1 || size > 500) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--page must be at least 1 and --size between 1 and " + "500; got --page " + page + " --size "
                            + size);
        }
        ObjectMapper json = JsonMapper.create();
        JsonNode missed;
        try (AgentClient agent = connection.open(json)) {
            missed = agent.get(ApiPath.of("/api/v1/deadlines")
                    .query("pipeline", pipelineId)
                    .query("from", from)
                    .query("to", to)
                    .query("page", page)
                    .query("size", size));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.selected()) {
            JsonOption.print(out, json, missed);
        } else if (missed.path("items").isEmpty()) {
            long total = missed.path("total").asLong();
            out.println(
                    total > 0
                            ? "no missed deadlines on page " + page + " (" + total + " match)"
                            : "no missed deadlines" + (pipelineId == null ? "" : " of " + pipelineId));
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
            long total = missed.path("total").asLong();
            long pages = (total + size - 1) / size;
            out.println("page " + page + " of " + pages + " (" + total
                    + (total == 1 ? " missed deadline)" : " missed deadlines)")
                    + (page < pages ? "; --page " + (page + 1) + " for more" : ""));
        }
        out.flush();
        return ExitCodes.OK;
    }
}
