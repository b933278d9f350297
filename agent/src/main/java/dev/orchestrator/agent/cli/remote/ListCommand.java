package dev.orchestrator.agent.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.agent.cli.common.VersionProvider;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code orchestrator list}: the agent's pipelines, with their schedules. */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"List the agent's pipelines: active or paused, next run, schedule.", AgentConnection.EXIT_CODES})
public final class ListCommand implements Callable<Integer> {

    @Mixin
    private AgentConnection connection;

    @Mixin
    private JsonOption output;

    @Override
    public Integer call() {
        return output.printAnswer(connection, agent -> agent.get(ApiPath.of("/pipelines")), this::printText);
    }

    /** The pipelines as a table for people. */
    private void printText(PrintWriter out, JsonNode pipelines) {
        if (pipelines.isEmpty()) {
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
    }
}
