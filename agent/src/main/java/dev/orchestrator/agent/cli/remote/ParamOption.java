package dev.orchestrator.agent.cli.remote;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --param NAME=VALUE}: the parameters of a run started from the command line ({@code trigger}, {@code test}). */
final class ParamOption {

    @Option(
            names = "--param",
            paramLabel = "NAME=VALUE",
            description = {
                "A run parameter, over the pipeline's params defaults; repeat for more.",
                "VALUE is read as JSON when it is JSON (42, true, [1, 2], \"007\"), else as text."
            })
    private Map<String, String> params = new LinkedHashMap<>();

    /** The parameters as the API takes them: see {@link JsonOrText}. */
    Map<String, Object> values(ObjectMapper json) {
        return JsonOrText.values(params, json);
    }
}
