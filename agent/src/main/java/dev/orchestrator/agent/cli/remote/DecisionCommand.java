package dev.orchestrator.agent.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.api.ApprovalDecidedDto;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** An approve or reject of a task waiting for approval: {@code RUN TASK [--comment C]}, one POST. */
abstract class DecisionCommand extends ActionCommand {

    @Parameters(index = "0", paramLabel = "RUN", description = "The run.")
    private String runId;

    @Parameters(index = "1", paramLabel = "TASK", description = "The task waiting for approval.")
    private String taskId;

    @Option(names = "--comment", paramLabel = "TEXT", description = "Why, for whoever reads the run later.")
    private String comment;

    /** {@code approve} or {@code reject}: the last segment of the request's path. */
    abstract String verb();

    @Override
    ApiPath path() {
        return ApiPath.of("/api/v1/runs/{}/tasks/{}/" + verb(), runId, taskId);
    }

    @Override
    Object body() {
        Map<String, Object> body = new LinkedHashMap<>();
        if (comment != null) {
            body.put("comment", comment);
        }
        return body;
    }

    @Override
    String describe(JsonNode answer) {
        ApprovalDecidedDto decided = ApiAnswers.read(answer, ApprovalDecidedDto.class);
        return "task " + taskId + " of run " + runId + " " + decided.decision() + " by " + decided.by()
                + (decided.comment() == null ? "" : " (" + decided.comment() + ")")
                + (decided.decision().equals("approved")
                        ? "; the run goes on from it"
                        : "; the task fails and is not retried");
    }
}
