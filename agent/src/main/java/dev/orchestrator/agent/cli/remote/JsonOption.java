package dev.orchestrator.agent.cli.remote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** {@code --json}: the agent's answer as it sent it, indented, instead of the text for people. */
final class JsonOption {

    @Option(names = "--json", description = "Print the agent's JSON answer instead of text.")
    private boolean selected;

    boolean selected() {
        return selected;
    }

    static void print(PrintWriter out, ObjectMapper json, JsonNode answer) {
        try {
            out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(answer));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree that was just parsed is always writable", e);
        }
    }
}
