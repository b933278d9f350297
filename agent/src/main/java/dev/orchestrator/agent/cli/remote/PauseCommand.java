package dev.orchestrator.agent.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.agent.cli.common.VersionProvider;
import dev.orchestrator.api.PipelineStateDto;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code orchestrator pause ID}: stop a pipeline's schedule until it is resumed. */
@Command(
        name = "pause",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Stop a pipeline's scheduled runs until `orchestrator resume ID`; manual triggers still "
                    + "work, and the pause survives restarts.",
            AgentConnection.EXIT_CODES
        })
public final class PauseCommand extends ActionCommand {

    @Parameters(paramLabel = "ID", description = "The pipeline to pause.")
    private String pipelineId;

    @Override
    ApiPath path() {
        return ApiPath.of("/pause/{}", pipelineId);
    }

    @Override
    String describe(JsonNode answer) {
        String pipelineId = ApiAnswers.read(answer, PipelineStateDto.class).pipelineId();
        return "paused " + pipelineId + ": no scheduled runs until `orchestrator resume " + pipelineId + "`";
    }
}
