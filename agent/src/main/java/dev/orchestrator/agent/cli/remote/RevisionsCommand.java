package dev.orchestrator.agent.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.agent.cli.common.VersionProvider;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code orchestrator revisions PIPELINE}: the versions of a pipeline the agent loaded, newest first; one's text
 * ({@code --show}), the diff of two ({@code --diff}), or a restore of one ({@code --restore}).
 */
@Command(
        name = "revisions",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "List the versions of a pipeline the agent loaded (from its files, a reload, a save), newest first; "
                    + "show one, compare two, or restore one (a save of its text, refused if the file changed "
                    + "meanwhile).",
            AgentConnection.EXIT_CODES
        })
public final class RevisionsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private AgentConnection connection;

    @Mixin
    private JsonOption output;

    @Parameters(paramLabel = "PIPELINE", description = "The pipeline's id.")
    private String pipelineId;

    @ArgGroup(exclusive = true)
    private Choice choice = new Choice();

    static final class Choice {
        @Option(names = "--show", paramLabel = "REV", description = "Print the text of this revision.")
        String show;

        @Option(
                names = "--diff",
                arity = "2",
                paramLabel = "REV",
                description = "Print the unified diff from the first revision to the second.")
        List<String> diff;

        @Option(
                names = "--restore",
                paramLabel = "REV",
                description = "Make this revision current again: save its text as the pipeline's file.")
        String restore;
    }

    @Option(names = "--page", paramLabel = "N", defaultValue = "1", description = "Page, from 1. Default: 1")
    private int page;

    @Option(
            names = "--size",
            paramLabel = "N",
            defaultValue = "20",
            description = "Revisions per page, 1 to 500. Default: ${DEFAULT-VALUE}")
    private int size;

    @Override
    public Integer call() {
        if (page < 1 || size < 1 || size > 500) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--page must be at least 1 and --size between 1 and 500; got --page " + page + " --size " + size);
        }
        return output.printAnswer(connection, this::ask, this::printText);
    }

    /** What the chosen action answered, for people: a revision's text, a diff, the restore, or the list. */
    private void printText(PrintWriter out, JsonNode answer) {
        if (choice.show != null) {
            out.print(answer.path("text").asText());
        } else if (choice.diff != null) {
            String diff = answer.path("diff").asText();
            out.print(
                    diff.isEmpty()
                            ? "revisions " + choice.diff.get(0) + " and " + choice.diff.get(1)
                                    + " have the same lines\n"
                            : diff);
        } else if (choice.restore != null) {
            out.println("restored revision " + answer.path("restored").asText() + " of " + pipelineId
                    + "; it runs from now on (version " + answer.path("version").asText() + ")");
        } else {
            print(answer, new HumanReadable(ZoneId.systemDefault()), out);
        }
    }

    private JsonNode ask(AgentClient agent) {
        if (choice.show != null) {
            return agent.get(ApiPath.of("/api/v1/pipelines/{}/revisions/{}", pipelineId, choice.show));
        }
        if (choice.diff != null) {
            return agent.get(ApiPath.of("/api/v1/pipelines/{}/revisions/diff", pipelineId)
                    .query("a", choice.diff.get(0))
                    .query("b", choice.diff.get(1)));
        }
        if (choice.restore != null) {
            // the file as it is now: the restore is refused if it changes before the save lands
            String version = agent.get(ApiPath.of("/api/v1/pipelines/{}/source", pipelineId))
                    .path("version")
                    .asText();
            return agent.post(
                    ApiPath.of("/api/v1/pipelines/{}/revisions/{}/restore", pipelineId, choice.restore),
                    Map.of("version", version));
        }
        return agent.get(ApiPath.of("/api/v1/pipelines/{}/revisions", pipelineId)
                .query("page", page)
                .query("size", size));
    }

    private void print(JsonNode revisions, HumanReadable readable, PrintWriter out) {
        if (revisions.path("items").isEmpty()) {
            out.println("no revisions of " + pipelineId + " on this page");
            return;
        }
        Table table = new Table("REVISION", "LOADED", "SOURCE", "BY", "FILE", "");
        for (JsonNode revision : revisions.path("items")) {
            table.row(
                    revision.path("revision").asText(),
                    readable.time(revision.path("loaded_at")),
                    revision.path("source").asText(),
                    revision.path("author").asText(),
                    revision.path("file").asText(),
                    revision.path("current").asBoolean() ? "current" : "");
        }
        table.print(out);
        long total = revisions.path("total").asLong();
        if (total > (long) page * size) {
            out.println("page " + page + " of " + ((total + size - 1) / size) + "; --page " + (page + 1) + " for more");
        }
    }
}
