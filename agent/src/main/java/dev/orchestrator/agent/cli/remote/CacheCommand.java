package dev.orchestrator.agent.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.agent.cli.common.VersionProvider;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code orchestrator cache clear [PIPELINE [TASK]]}: forget entries of the task output cache. */
@Command(
        name = "cache",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "The cache of task outputs (a task's `cache: { key, ttl_seconds }`).",
        subcommands = {CacheCommand.Clear.class})
public final class CacheCommand {

    /** {@code cache clear}: all entries, a pipeline's, or one task's. */
    @Command(
            name = "clear",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            description = {
                "Forget cached task outputs: all of them, a pipeline's, or one task's; the next run of such a task "
                        + "runs it again.",
                AgentConnection.EXIT_CODES
            })
    static final class Clear implements Callable<Integer> {

        @Mixin
        AgentConnection connection;

        @Mixin
        JsonOption output;

        @Parameters(index = "0", arity = "0..1", paramLabel = "PIPELINE", description = "Only this pipeline's.")
        String pipeline;

        @Parameters(index = "1", arity = "0..1", paramLabel = "TASK", description = "Only this task's.")
        String task;

        @Override
        public Integer call() {
            return output.printAnswer(
                    connection,
                    agent -> agent.delete(ApiPath.of("/api/v1/cache")
                            .query("pipeline", pipeline)
                            .query("task", task)),
                    this::printText);
        }

        /** How many cached outputs were forgotten, of what. */
        private void printText(PrintWriter out, JsonNode answer) {
            int cleared = answer.path("cleared").asInt();
            out.println("forgot " + cleared + (cleared == 1 ? " cached output" : " cached outputs")
                    + (task != null
                            ? " of task '" + task + "' of pipeline '" + pipeline + "'"
                            : pipeline != null ? " of pipeline '" + pipeline + "'" : ""));
        }
    }
}
