package dev.orchestrator.agent.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.agent.JsonMapper;
import dev.orchestrator.agent.cli.common.ExitCodes;
import dev.orchestrator.agent.cli.common.VersionProvider;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code orchestrator status ID}: one pipeline, its tasks, and its latest runs. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Show a pipeline: schedule, active or paused, next run, tasks, and its latest runs.",
            "With --json, the agent's pipeline detail (GET /pipeline/ID).",
            AgentConnection.EXIT_CODES
        })
public final class StatusCommand implements Callable<Integer> {

    private static final int LATEST_RUNS = 5;

    @Spec
    private CommandSpec spec;

    @Mixin
    private AgentConnection connection;

    @Mixin
    private JsonOption output;

    @Parameters(paramLabel = "ID", description = "The pipeline's id (`orchestrator list` shows them).")
    private String pipelineId;

    @Override
    public Integer call() {
        ObjectMapper json = JsonMapper.create();
        PrintWriter out = spec.commandLine().getOut();
        try (AgentClient agent = connection.open(json)) {
            JsonNode pipeline = agent.get(ApiPath.of("/pipeline/{}", pipelineId));
            if (output.selected()) {
                JsonOption.print(out, json, pipeline);
            } else {
                JsonNode runs = agent.get(
                        ApiPath.of("/api/v1/runs").query("pipeline", pipelineId).query("size", LATEST_RUNS));
                print(pipeline, runs, out);
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static void print(JsonNode pipeline, JsonNode runs, PrintWriter out) {
        HumanReadable readable = new HumanReadable(ZoneId.systemDefault());
        String name = HumanReadable.text(pipeline.path("name"));
        out.printf(
                "%-12s %s%n",
                "pipeline",
                pipeline.path("id").asText() + (name.equals(HumanReadable.NOTHING) ? "" : " (" + name + ")"));
        if (pipeline.hasNonNull("description")
                && !pipeline.path("description").asText().isBlank()) {
            out.printf("%-12s %s%n", "description", pipeline.path("description").asText());
        }
        out.printf("%-12s %s%n", "status", pipeline.path("status").asText());
        out.printf("%-12s %s%n", "schedule", HumanReadable.text(pipeline.path("schedule")));
        out.printf("%-12s %s%n", "next run", readable.time(pipeline.path("next_run")));
        if (!pipeline.path("labels").isEmpty()) {
            List<String> labels = new ArrayList<>();
            pipeline.path("labels").forEach(label -> labels.add(label.asText()));
            out.printf("%-12s %s%n", "labels", String.join(", ", labels));
        }
        out.println();
        Table tasks = new Table("TASK", "CONNECTOR", "ACTION", "DEPENDS ON");
        for (JsonNode task : pipeline.path("tasks")) {
            List<String> dependencies = new ArrayList<>();
            task.path("depends_on").forEach(dependency -> dependencies.add(dependency.asText()));
            tasks.row(
                    task.path("id").asText(),
                    HumanReadable.text(task.path("connector")),
                    HumanReadable.text(task.path("action")),
                    dependencies.isEmpty() ? HumanReadable.NOTHING : String.join(", ", dependencies));
        }
        tasks.print(out);
        out.println();
        if (runs.path("items").isEmpty()) {
            out.println(
                    "no runs yet; `orchestrator trigger " + pipeline.path("id").asText() + "` starts one");
        } else {
            out.println("latest runs (" + runs.path("items").size() + " of "
                    + runs.path("total").asLong() + "):");
            new RunRows(readable).table(runs.path("items")).print(out);
        }
    }
}
