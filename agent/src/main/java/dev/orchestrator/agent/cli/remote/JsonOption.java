package dev.orchestrator.agent.cli.remote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.agent.JsonMapper;
import dev.orchestrator.agent.cli.common.ExitCodes;
import java.io.PrintWriter;
import java.util.function.BiConsumer;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code --json}: the agent's answer as it sent it, indented, instead of the text for people. */
final class JsonOption {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--json", description = "Print the agent's JSON answer instead of text.")
    private boolean selected;

    boolean selected() {
        return selected;
    }

    /**
     * The whole of a command that asks the agent one thing: sends {@code request}, lets the agent go, then prints
     * the answer, as JSON with {@code --json}, else as {@code text} writes it for people.
     *
     * @return {@link ExitCodes#OK}; a refused or failed request throws {@link AgentRequestFailedException}
     */
    int printAnswer(
            AgentConnection connection,
            Function<AgentClient, ? extends JsonNode> request,
            BiConsumer<PrintWriter, JsonNode> text) {
        ObjectMapper json = JsonMapper.create();
        JsonNode answer;
        try (AgentClient agent = connection.open(json)) {
            answer = request.apply(agent);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (selected) {
            print(out, json, answer);
        } else {
            text.accept(out, answer);
        }
        out.flush();
        return ExitCodes.OK;
    }

    static void print(PrintWriter out, ObjectMapper json, JsonNode answer) {
        try {
            out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(answer));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree that was just parsed is always writable", e);
        }
    }
}
