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
import picocli.CommandLine.Spec;

/** {@code orchestrator list}: the agent's pipelines, with their schedules. */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"List the agent's pipelines: active or paused, next run, schedule.", AgentConnection.EXIT_CODES})
public final class ListCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private AgentConnection connection;

    @Mixin
    private JsonOption output;

    @Override
    public Integer call() {
        ObjectMapper json = JsonMapper.create();
        JsonNode pipelines;
        try (AgentClient agent = connection.open(json)) {
            pipelines = agent.get(ApiPath.of("/pipelines"));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.selected()) {
            JsonOption.print(out, json, pipelines);
        } else if (pipelines.isEmpty()) {
            out.println("no runnable pipelines; files that failed to load are at GET /api/v1/diagnostics, "
                    + "and `orchestrator validate` explains them");
        } else {
            HumanReadable readable = new HumanReadable(ZoneId.systemDefault());
            Table table = new Table("ID", "NAME", "STATUS", "NEXT RUN", "SCHEDULE");
            for (JsonNode pipeline : pipelines) {
                // the next run in the pipeline's own zone, named; marked when its file fails to load now
                table.row(
                        pipeline.path("id").asText(),
                        HumanReadable.text(pipeline.path("name")),
                        pipeline.path("status").asText(),
                        HumanReadable.time(pipeline.path("next_run"), readable.zoneOr(pipeline.path("timezone"))),
                        HumanReadable.text(pipeline.path("schedule"))
                                + (pipeline.hasNonNull("broken_file")
                                        ? "  [last valid version: "
                                                + java.nio.file.Path.of(pipeline.path("broken_file")
                                                                .asText())
                                                        .getFileName()
                                                + " fails to load, see orchestrator diagnostics]"
                                        : ""));
            }
            table.print(out);
        }
        out.flush();
        return ExitCodes.OK;
    }
}
