package dev.orchestrator.desktop.client;

import dev.orchestrator.diagnostic.Diagnostic;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Asks an agent to judge a pipeline text with its own validator, connectors and plugins ({@code POST
 * /api/v1/validate}), without saving anything: what a save of that text there would be checked against. Blocking,
 * like the client it sends through: call it off the FX thread; every failure is an {@link AgentException}.
 */
public final class ValidationRequests {

    private final AgentClient client;

    public ValidationRequests(AgentClient client) {
        this.client = client;
    }

    /** The agent's verdict on a text: whether it would load, the pipelines it declares and every problem found. */
    public record Verdict(boolean valid, List<String> pipelines, List<Diagnostic> diagnostics) {

        public Verdict {
            pipelines = pipelines == null ? List.of() : List.copyOf(pipelines);
            diagnostics = diagnostics == null ? List.of() : List.copyOf(diagnostics);
        }

        public long errorCount() {
            return diagnostics.stream().filter(Diagnostic::isError).count();
        }
    }

    /**
     * @param file the file's name as the agent would hold it (its diagnostics name it)
     */
    public Verdict validate(String file, String text) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("file", file);
        body.put("text", text);
        return client.answers.read(
                client.post(client.url("api", "v1", "validate").build(), body), Verdict.class);
    }
}
