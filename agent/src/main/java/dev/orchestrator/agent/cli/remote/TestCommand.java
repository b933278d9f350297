package dev.orchestrator.agent.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.agent.JsonMapper;
import dev.orchestrator.agent.cli.common.ExitCodes;
import dev.orchestrator.agent.cli.common.VersionProvider;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code orchestrator test PIPELINE TASK}: one task run now, its log followed, then its output. */
@Command(
        name = "test",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Run one task now and print its log as it comes, then its output. Its dependencies are not "
                    + "run: their outputs come from the pipeline's last successful run, or from --input. Nothing else "
                    + "runs, no hook fires and no alert goes out; the run is recorded with trigger 'test'.",
            "Exit code: 0 the task succeeded, 1 it failed (or the agent refused), 2 usage, 3 agent "
                    + "unreachable, 4 token refused."
        })
public final class TestCommand implements Callable<Integer> {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    private static final int PAGE_SIZE = 500;

    @Spec
    private CommandSpec spec;

    @Mixin
    private AgentConnection connection;

    @Parameters(index = "0", paramLabel = "PIPELINE", description = "The pipeline.")
    private String pipelineId;

    @Parameters(index = "1", paramLabel = "TASK", description = "The task to run.")
    private String taskId;

    @Mixin
    private ParamOption params;

    @Option(
            names = "--input",
            paramLabel = "TASK=JSON",
            description = {
                "The output of a dependency, instead of the one its last successful run stored; "
                        + "repeat for more. Read as JSON when it is JSON, else as text: --input extract='{\"rows\": 3}'"
            })
    private Map<String, String> inputs = new LinkedHashMap<>();

    @Override
    public Integer call() throws InterruptedException {
        ObjectMapper json = JsonMapper.create();
        PrintWriter out = spec.commandLine().getOut();
        HumanReadable readable = new HumanReadable(ZoneId.systemDefault());
        try (AgentClient agent = connection.open(json)) {
            JsonNode started = agent.post(
                    ApiPath.of("/api/v1/pipelines/{}/tasks/{}/test", pipelineId, taskId),
                    Map.of("params", params.values(json), "inputs", JsonOrText.values(inputs, json)));
            String runId = started.path("run_id").asText();
            out.println("test run " + runId + " of " + pipelineId + ": task " + taskId + " only, nothing scheduled");
            started.path("inputs")
                    .properties()
                    .forEach(input -> out.println("  input " + input.getKey() + ": "
                            + (input.getValue().asText().equals("given")
                                    ? "given with --input"
                                    : "from run " + input.getValue().asText())));
            out.flush();
            long after = 0;
            while (true) {
                // asked before reading: every line written before the run ended is then read below
                boolean ended = RunWaiter.hasEnded(
                        agent.get(ApiPath.of("/api/v1/runs/{}", runId).query("view", "summary")));
                JsonNode lines;
                do {
                    lines = agent.get(ApiPath.of("/api/v1/runs/{}/logs", runId)
                                    .query("task", taskId)
                                    .query("after", after)
                                    .query("size", PAGE_SIZE))
                            .path("items");
                    for (JsonNode line : lines) {
                        after = line.path("id").asLong();
                        out.println(LogsCommand.format(line, readable));
                    }
                    out.flush();
                } while (lines.size() == PAGE_SIZE);
                if (ended) {
                    break;
                }
                Thread.sleep(POLL_INTERVAL.toMillis());
            }
            JsonNode run = RunDetailReader.read(agent, runId);
            return printOutcome(run, readable, out);
        }
    }

    private int printOutcome(JsonNode run, HumanReadable readable, PrintWriter out) {
        JsonNode task = null;
        for (JsonNode each : run.path("tasks")) {
            if (each.path("task_id").asText().equals(taskId)) {
                task = each;
            }
        }
        if (task == null) {
            out.println("run " + run.path("run_id").asText() + ": "
                    + run.path("status").asText() + ": " + HumanReadable.firstLine(run.path("reason"), 200));
            out.flush();
            return ExitCodes.FAILED;
        }
        String status = task.path("status").asText();
        String duration = task.path("duration_ms").isNumber()
                ? HumanReadable.duration(
                        Duration.ofMillis(task.path("duration_ms").asLong()))
                : readable.duration(task.path("started_at"), task.path("finished_at"));
        JsonNode attempts = task.path("attempts");
        JsonNode last = attempts.isEmpty() ? task : attempts.get(attempts.size() - 1);
        String cause = HumanReadable.firstLine(
                last.hasNonNull("error_message") ? last.path("error_message") : task.path("reason"), 200);
        boolean succeeded = status.equals("success");
        out.println(
                "task " + taskId + ": " + status + (duration.equals(HumanReadable.NOTHING) ? "" : " after " + duration)
                        + (succeeded || cause.equals(HumanReadable.NOTHING) ? "" : ": " + cause));
        if (task.hasNonNull("output")) {
            out.println("output: " + task.path("output").asText());
        }
        out.flush();
        return succeeded ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
