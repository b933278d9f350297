package dev.orchestrator.agent.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.agent.cli.common.VersionProvider;
import dev.orchestrator.api.RunCancellingDto;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code orchestrator cancel RUN}: stop a running run. */
@Command(
        name = "cancel",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Cancel a queued or running run: its running tasks are stopped, the rest do not start.",
            AgentConnection.EXIT_CODES
        })
public final class CancelCommand extends ActionCommand {

    @Parameters(paramLabel = "RUN", description = "The run to cancel.")
    private String runId;

    @Override
    ApiPath path() {
        return ApiPath.of("/api/v1/runs/{}/cancel", runId);
    }

    @Override
    String describe(JsonNode answer) {
        return "cancelling run "
                + ApiAnswers.read(answer, RunCancellingDto.class).runId() + "; `orchestrator runs` shows when it "
                + "has stopped";
    }
}
