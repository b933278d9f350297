package dev.orchestrator.agent.cli.remote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.agent.JsonMapper;
import dev.orchestrator.agent.cli.common.VersionProvider;
import dev.orchestrator.api.TaskMarkedDto;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code orchestrator mark RUN TASK --state S [--output JSON] [--reason R]}: set a task's state by hand. */
@Command(
        name = "mark",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Mark a task success, failed or skipped by hand. In a run still going, the run goes on from the mark "
                    + "(a waiting or queued task stops waiting; a running one is stopped first). In an ended run, "
                    + "the run's next retry goes on from it. The mark, its reason and who made it show in "
                    + "`orchestrator show`.",
            AgentConnection.EXIT_CODES
        })
public final class MarkCommand extends ActionCommand {

    @Parameters(index = "0", paramLabel = "RUN", description = "The run.")
    private String runId;

    @Parameters(index = "1", paramLabel = "TASK", description = "The task to mark.")
    private String taskId;

    @Option(names = "--state", required = true, paramLabel = "STATE", description = "success, failed or skipped.")
    private String state;

    @Option(
            names = "--output",
            paramLabel = "JSON",
            description = "The output of a task marked success, as JSON: '{\"rows\": 3}', '\"text\"', 42.")
    private String markedOutput;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for whoever reads the run later.")
    private String reason;

    @Override
    ApiPath path() {
        return ApiPath.of("/api/v1/runs/{}/tasks/{}/mark", runId, taskId);
    }

    @Override
    Object body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("state", state.strip().toLowerCase(Locale.ROOT));
        if (markedOutput != null) {
            try {
                body.put("output", JsonMapper.create().readTree(markedOutput));
            } catch (JsonProcessingException e) {
                throw new ParameterException(
                        spec.commandLine(),
                        "--output is JSON, such as '{\"rows\": 3}' or '\"text\"' (quotes included); '" + markedOutput
                                + "' is not: " + e.getOriginalMessage());
            }
        }
        if (reason != null) {
            body.put("reason", reason);
        }
        return body;
    }

    @Override
    String describe(JsonNode answer) {
        TaskMarkedDto marked = ApiAnswers.read(answer, TaskMarkedDto.class);
        String what = "task " + taskId + " of run " + runId + " marked " + marked.state() + " by " + marked.by();
        return switch (marked.outcome()) {
            case "stopping" -> what + "; it was running and is being stopped, then takes the mark";
            case "prepared" -> what + "; the run had ended: `orchestrator retry " + runId + "` goes on from the mark";
            default -> what + "; the run goes on from it";
        };
    }
}
