package dev.orchestrator.agent.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.agent.JsonMapper;
import dev.orchestrator.agent.cli.common.ExitCodes;
import dev.orchestrator.agent.cli.common.VersionProvider;
import dev.orchestrator.api.RunStartedDto;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code orchestrator trigger ID}: start a run now, and with {@code --wait} see it through. */
@Command(
        name = "trigger",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Start a run of a pipeline now, with parameters if given.",
            "Exit code: 0 started (with --wait: succeeded), 1 refused by the agent (with --wait: the run did "
                    + "not succeed), 2 usage, 3 agent unreachable, 4 token refused."
        })
public final class TriggerCommand implements Callable<Integer> {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);

    @Spec
    private CommandSpec spec;

    @Mixin
    private AgentConnection connection;

    @Mixin
    private JsonOption output;

    @Parameters(paramLabel = "ID", description = "The pipeline to run.")
    private String pipelineId;

    @Mixin
    private ParamOption params;

    @Option(
            names = "--wait",
            description = "Wait until the run ends and print how it ended (with --json, " + "the run's detail).")
    private boolean wait;

    @Override
    public Integer call() throws InterruptedException {
        ObjectMapper json = JsonMapper.create();
        PrintWriter out = spec.commandLine().getOut();
        try (AgentClient agent = connection.open(json)) {
            JsonNode started = agent.post(ApiPath.of("/trigger/{}", pipelineId), Map.of("params", params.values(json)));
            String runId = ApiAnswers.read(started, RunStartedDto.class).runId();
            if (!wait) {
                if (output.selected()) {
                    JsonOption.print(out, json, started);
                } else {
                    out.println("started run " + runId + " of " + pipelineId + "; `orchestrator logs " + runId
                            + " --follow` shows its log");
                }
                out.flush();
                return ExitCodes.OK;
            }
            if (!output.selected()) {
                out.println("started run " + runId + " of " + pipelineId + "; waiting for it to end");
                out.flush();
            }
            JsonNode ended = new RunWaiter(agent, POLL_INTERVAL).awaitEnd(runId);
            if (output.selected()) {
                JsonOption.print(out, json, ended);
            } else {
                new RunRows(new HumanReadable(ZoneId.systemDefault())).printOutcome(ended, out);
            }
            out.flush();
            return RunWaiter.succeeded(ended) ? ExitCodes.OK : ExitCodes.FAILED;
        }
    }
}
