package dev.orchestrator.agent.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.agent.cli.common.VersionProvider;
import dev.orchestrator.api.RunStartedDto;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code orchestrator retry RUN [--from-task X]}: run a finished run again from where it failed, or from a task. */
@Command(
        name = "retry",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Re-run a finished run from its failures: a new run that reuses the outputs of the tasks "
                    + "that succeeded and runs the others again. With --from-task, the task given and everything "
                    + "downstream of it run again, and the other tasks' outputs are reused. Tasks marked by hand "
                    + "(orchestrator mark) count as marked.",
            AgentConnection.EXIT_CODES
        })
public final class RetryCommand extends ActionCommand {

    @Parameters(paramLabel = "RUN", description = "The finished run to retry.")
    private String runId;

    @Option(
            names = "--from-task",
            paramLabel = "TASK",
            description = "Run this task and everything downstream of it again; reuse the outputs of the others.")
    private String fromTask;

    @Override
    Object body() {
        return fromTask == null ? null : java.util.Map.of("from_task", fromTask);
    }

    @Override
    ApiPath path() {
        return ApiPath.of("/api/v1/runs/{}/retry", runId);
    }

    @Override
    String describe(JsonNode answer) {
        String retry = ApiAnswers.read(answer, RunStartedDto.class).runId();
        return "retrying run " + runId + (fromTask == null ? "" : " from task " + fromTask) + " as run " + retry
                + "; `orchestrator logs " + retry
                + " --follow` shows its log";
    }
}
