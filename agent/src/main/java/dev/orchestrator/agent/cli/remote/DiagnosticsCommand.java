package dev.orchestrator.agent.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.agent.JsonMapper;
import dev.orchestrator.agent.cli.common.ExitCodes;
import dev.orchestrator.agent.cli.common.VersionProvider;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code orchestrator diagnostics}: what is wrong in the agent's pipeline files as it last loaded them. */
@Command(
        name = "diagnostics",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "List the problems in the agent's pipeline files as it last loaded them; a file with errors "
                    + "fails to load, and its pipelines keep running their last valid version.",
            "Exit code: 0 every file loads, 1 a file fails to load (or the agent refused), 2 usage, 3 agent "
                    + "unreachable, 4 token refused."
        })
public final class DiagnosticsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private AgentConnection connection;

    @Mixin
    private JsonOption output;

    @Override
    public Integer call() {
        ObjectMapper json = JsonMapper.create();
        JsonNode diagnostics;
        JsonNode pipelines;
        try (AgentClient agent = connection.open(json)) {
            diagnostics = agent.get(ApiPath.of("/api/v1/diagnostics"));
            pipelines = output.selected() ? null : agent.get(ApiPath.of("/pipelines"));
        }
        PrintWriter out = spec.commandLine().getOut();
        Set<String> broken = new TreeSet<>();
        diagnostics.forEach(diagnostic -> {
            if (diagnostic.path("severity").asText().equalsIgnoreCase("error")) {
                broken.add(diagnostic.path("file").asText());
            }
        });
        if (output.selected()) {
            JsonOption.print(out, json, diagnostics);
        } else if (diagnostics.isEmpty()) {
            out.println("no problems: every pipeline file loads");
        } else {
            for (JsonNode diagnostic : diagnostics) {
                out.println(diagnostic.path("file").asText() + ":"
                        + diagnostic.path("line").asInt() + ":"
                        + diagnostic.path("column").asInt() + "  "
                        + diagnostic.path("severity").asText().toLowerCase(java.util.Locale.ROOT) + "  "
                        + diagnostic.path("code").asText() + "  "
                        + diagnostic.path("message").asText());
                if (diagnostic.hasNonNull("hint")) {
                    out.println("    hint: " + diagnostic.path("hint").asText());
                }
            }
            List<String> kept = new ArrayList<>();
            pipelines.forEach(pipeline -> {
                if (pipeline.hasNonNull("broken_file")) {
                    kept.add(pipeline.path("id").asText());
                }
            });
            out.println(
                    broken.isEmpty()
                            ? "every file loads (warnings only)"
                            : broken.size()
                                    + (broken.size() == 1 ? " file fails to load: " : " files fail to load: ")
                                    + String.join(", ", broken)
                                    + (kept.isEmpty()
                                            ? ""
                                            : "; these pipelines still run their last " + "valid version: "
                                                    + String.join(", ", kept)));
        }
        out.flush();
        return broken.isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
