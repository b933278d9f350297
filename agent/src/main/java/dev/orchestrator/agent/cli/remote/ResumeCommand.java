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

/** {@code orchestrator resume ID}: schedule a paused pipeline again. */
@Command(name = "resume", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Schedule a paused pipeline again, from its next fire time (fires missed while paused "
                + "are not caught up).", AgentConnection.EXIT_CODES})
public final class ResumeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private AgentConnection connection;

    @Mixin
    private JsonOption output;

    @Parameters(paramLabel = "ID", description = "The pipeline to resume.")
    private String pipelineId;

    @Override
    public Integer call() {
        ObjectMapper json = JsonMapper.create();
        JsonNode answer;
        try (AgentClient agent = connection.open(json)) {
            answer = agent.post(ApiPath.of("/resume/{}", pipelineId), null);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.selected()) {
            JsonOption.print(out, json, answer);
        } else {
            out.println("resumed " + answer.path("pipeline_id").asText() + ": " + answer.path("status").asText());
        }
        out.flush();
        return ExitCodes.OK;
    }
}
