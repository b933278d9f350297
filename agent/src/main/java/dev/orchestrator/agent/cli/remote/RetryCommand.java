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

/** {@code orchestrator retry RUN}: run a finished run again from where it failed. */
@Command(name = "retry", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Re-run a finished run from its failures: a new run that reuses the outputs of the tasks "
                + "that succeeded and runs the others again.", AgentConnection.EXIT_CODES})
public final class RetryCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private AgentConnection connection;

    @Mixin
    private JsonOption output;

    @Parameters(paramLabel = "RUN", description = "The finished run to retry.")
    private String runId;

    @Override
    public Integer call() {
        ObjectMapper json = JsonMapper.create();
        JsonNode answer;
        try (AgentClient agent = connection.open(json)) {
            answer = agent.post(ApiPath.of("/api/v1/runs/{}/retry", runId), null);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.selected()) {
            JsonOption.print(out, json, answer);
        } else {
            String retry = answer.path("run_id").asText();
            out.println("retrying run " + runId + " as run " + retry + "; `orchestrator logs " + retry
                    + " --follow` shows its log");
        }
        out.flush();
        return ExitCodes.OK;
    }
}
