package dev.orchestrator.agent.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.agent.JsonMapper;
import dev.orchestrator.agent.cli.common.ExitCodes;
import dev.orchestrator.agent.cli.common.VersionProvider;
import java.io.PrintWriter;
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

/**
 * {@code orchestrator event NAME --key K [--payload JSON]}: what another system would post, from a shell — to
 * release a waiting task by hand, or to start the pipelines an event triggers.
 */
@Command(
        name = "event",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Post an event to the agent: the tasks waiting for it with this key complete (the payload is "
                    + "their output), pipelines with `schedule: {type: event, event: NAME}` start with the payload as "
                    + "their params, and an event nobody waits for yet is kept for a task that starts waiting later.",
            AgentConnection.EXIT_CODES
        })
public final class EventCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private AgentConnection connection;

    @Mixin
    private JsonOption output;

    @Parameters(paramLabel = "NAME", description = "The event's name, as in wait_for.event or schedule.event.")
    private String name;

    @Option(
            names = "--key",
            paramLabel = "K",
            description = "Matched against the rendered wait_for.key of "
                    + "waiting tasks. Default: empty (enough to start event-triggered pipelines).")
    private String key = "";

    @Option(
            names = "--payload",
            paramLabel = "JSON",
            description = {
                "The event's payload: the output of the tasks "
                        + "it completes, the params of the runs it starts (then a JSON object).",
                "Read as JSON when it is JSON ({\"carrier\": \"dhl\"}, 42, [1, 2]), else as text."
            })
    private String payload;

    @Override
    public Integer call() {
        ObjectMapper json = JsonMapper.create();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("key", key);
        if (payload != null) {
            body.put("payload", JsonOrText.value(payload, json));
        }
        JsonNode answer;
        try (AgentClient agent = connection.open(json)) {
            answer = agent.post(ApiPath.of("/api/v1/events/{}", name), body);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.selected()) {
            JsonOption.print(out, json, answer);
        } else {
            describe(answer, out);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private void describe(JsonNode answer, PrintWriter out) {
        String event = "event " + name + (key.isEmpty() ? "" : " with key " + key);
        for (JsonNode runId : answer.path("started_runs")) {
            out.println("started run " + runId.asText() + "; `orchestrator logs " + runId.asText()
                    + " --follow` shows its log");
        }
        for (JsonNode wait : answer.path("delivered_to")) {
            out.println(event + " completed task " + wait.path("task_id").asText() + " of run "
                    + wait.path("run_id").asText());
        }
        if (answer.path("kept_until").isTextual()) {
            out.println("no task waits for " + event + " yet: kept until "
                    + new HumanReadable(ZoneId.systemDefault()).time(answer.path("kept_until"))
                    + " for one that starts waiting");
        }
        for (JsonNode pipelineId : answer.path("paused_pipelines")) {
            out.println("pipeline " + pipelineId.asText() + " is paused: it started no run");
        }
    }
}
