package dev.orchestrator.agent.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.agent.JsonMapper;
import dev.orchestrator.agent.cli.ExitCodes;
import dev.orchestrator.agent.cli.VersionProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code orchestrator cancel RUN}: stop a running run. */
@Command(name = "cancel", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Cancel a queued or running run: its running tasks are stopped, the rest do not start.",
                AgentConnection.EXIT_CODES})
public final class CancelCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private AgentConnection connection;

    @Mixin
    private JsonOption output;

    @Parameters(paramLabel = "RUN", description = "The run to cancel.")
    private String runId;

    @Override
    public Integer call() {
        ObjectMapper json = JsonMapper.create();
        JsonNode answer;
        try (AgentClient agent = connection.open(json)) {
            answer = agent.post(ApiPath.of("/api/v1/runs/{}/cancel", runId), null);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.selected()) {
            JsonOption.print(out, json, answer);
        } else {
            out.println("cancelling run " + answer.path("run_id").asText() + "; `orchestrator runs` shows when it "
                    + "has stopped");
        }
        out.flush();
        return ExitCodes.OK;
    }
}
