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

/** {@code orchestrator pause ID}: stop a pipeline's schedule until it is resumed. */
@Command(name = "pause", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Stop a pipeline's scheduled runs until `orchestrator resume ID`; manual triggers still "
                + "work, and the pause survives restarts.", AgentConnection.EXIT_CODES})
public final class PauseCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private AgentConnection connection;

    @Mixin
    private JsonOption output;

    @Parameters(paramLabel = "ID", description = "The pipeline to pause.")
    private String pipelineId;

    @Override
    public Integer call() {
        ObjectMapper json = JsonMapper.create();
        JsonNode answer;
        try (AgentClient agent = connection.open(json)) {
            answer = agent.post(ApiPath.of("/pause/{}", pipelineId), null);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.selected()) {
            JsonOption.print(out, json, answer);
        } else {
            out.println("paused " + answer.path("pipeline_id").asText() + ": no scheduled runs until "
                    + "`orchestrator resume " + answer.path("pipeline_id").asText() + "`");
        }
        out.flush();
        return ExitCodes.OK;
    }
}
