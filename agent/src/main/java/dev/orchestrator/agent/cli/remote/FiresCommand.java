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

/** {@code orchestrator fires [PIPELINE]}: scheduled fires that did not become runs, and why. */
@Command(
        name = "fires",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "List scheduled fires that did not become runs, newest first: skipped because max_instances "
                    + "runs were running, or missed while the agent was down (skipped or merged per the misfire "
                    + "policy).",
            AgentConnection.EXIT_CODES
        })
public final class FiresCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private AgentConnection connection;

    @Mixin
    private JsonOption output;

    @Parameters(paramLabel = "PIPELINE", arity = "0..1", description = "Fires of this pipeline only.")
    private String pipelineId;

    @Option(
            names = "--from",
            paramLabel = "TIME",
            converter = RunFilters.TimeConverter.class,
            description = "Fires scheduled at or after this date (2024-03-15, midnight UTC) or time with offset.")
    private String from;

    @Option(
            names = "--to",
            paramLabel = "TIME",
            converter = RunFilters.TimeConverter.class,
            description = "Fires scheduled before this date or time, as for --from.")
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
            description = "Fires per page, 1 to 500. " + "Default: ${DEFAULT-VALUE}")
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
        JsonNode fires;
        try (AgentClient agent = connection.open(json)) {
            fires = agent.get(ApiPath.of("/api/v1/fires")
                    .query("pipeline", pipelineId)
                    .query("from", from)
                    .query("to", to)
                    .query("page", page)
                    .query("size", size));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.selected()) {
            JsonOption.print(out, json, fires);
        } else if (fires.path("items").isEmpty()) {
            long total = fires.path("total").asLong();
            out.println(
                    total > 0
                            ? "no fires on page " + page + " (" + total + " match)"
                            : "no skipped or missed fires" + (pipelineId == null ? "" : " of " + pipelineId));
        } else {
            HumanReadable readable = new HumanReadable(ZoneId.systemDefault());
            Table table = new Table("PIPELINE", "SCHEDULED FOR", "KIND", "WHY");
            for (JsonNode fire : fires.path("items")) {
                table.row(
                        fire.path("pipeline_id").asText(),
                        readable.time(fire.path("scheduled_for")),
                        fire.path("kind").asText(),
                        HumanReadable.firstLine(fire.path("message"), 120));
            }
            table.print(out);
            long total = fires.path("total").asLong();
            long pages = (total + size - 1) / size;
            out.println("page " + page + " of " + pages + " (" + total + (total == 1 ? " fire)" : " fires)")
                    + (page < pages ? "; --page " + (page + 1) + " for more" : ""));
        }
        out.flush();
        return ExitCodes.OK;
    }
}
