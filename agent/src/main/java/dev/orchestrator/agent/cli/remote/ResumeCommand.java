package dev.orchestrator.agent.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.agent.cli.common.VersionProvider;
import dev.orchestrator.api.PipelineStateDto;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code orchestrator resume ID}: schedule a paused pipeline again. */
@Command(
        name = "resume",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Schedule a paused pipeline again, from its next fire time (fires missed while paused "
                    + "are not caught up).",
            AgentConnection.EXIT_CODES
        })
public final class ResumeCommand extends ActionCommand {

    @Parameters(paramLabel = "ID", description = "The pipeline to resume.")
    private String pipelineId;

    @Override
    ApiPath path() {
        return ApiPath.of("/resume/{}", pipelineId);
    }

    @Override
    String describe(JsonNode answer) {
        // the answer's status is the original tool's "resumed"; what the schedule is now is "active"
        return "resumed " + ApiAnswers.read(answer, PipelineStateDto.class).pipelineId() + ": active";
    }
}
