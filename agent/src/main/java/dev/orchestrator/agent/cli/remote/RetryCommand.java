package dev.orchestrator.agent.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.agent.cli.common.VersionProvider;
import dev.orchestrator.api.RunStartedDto;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code orchestrator retry RUN}: run a finished run again from where it failed. */
@Command(
        name = "retry",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Re-run a finished run from its failures: a new run that reuses the outputs of the tasks "
                    + "that succeeded and runs the others again.",
            AgentConnection.EXIT_CODES
        })
public final class RetryCommand extends ActionCommand {

    @Parameters(paramLabel = "RUN", description = "The finished run to retry.")
    private String runId;

    @Override
    ApiPath path() {
        return ApiPath.of("/api/v1/runs/{}/retry", runId);
    }

    @Override
    String describe(JsonNode answer) {
        String retry = ApiAnswers.read(answer, RunStartedDto.class).runId();
        return "retrying run " + runId + " as run " + retry + "; `orchestrator logs " + retry
                + " --follow` shows its log";
    }
}
