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

    @Mixin
    private ScheduledPage listing;

    @Override
    public Integer call() {
        return output.printAnswer(
                connection, agent -> listing.fetch(spec, agent, "/api/v1/fires", pipelineId), this::printText);
    }

    /** The fires as a table for people, with the page line. */
    private void printText(PrintWriter out, JsonNode fires) {
        if (fires.path("items").isEmpty()) {
            listing.printEmpty(out, fires, "fires", "no skipped or missed fires", pipelineId);
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
            listing.printFooter(out, fires, "fire", "fires");
        }
    }
}
