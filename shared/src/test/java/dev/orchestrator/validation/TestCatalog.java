package dev.orchestrator.validation;

import dev.orchestrator.connector.ActionDescriptor;
import dev.orchestrator.connector.ConnectorDescriptor;
import dev.orchestrator.connector.ParameterDescriptor;
import dev.orchestrator.connector.PluginCatalog;
import dev.orchestrator.connector.StaticPluginCatalog;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The built-in connectors with their actions and parameters (as the agent's {@code GET /connectors} describes
 * them), plus one hook, as fixtures are validated against.
 */
final class TestCatalog {

    private TestCatalog() {}

    static PluginCatalog builtinsWithPageOncallHook() {
        return new StaticPluginCatalog(
                List.of(
                        connector(
                                "postgres",
                                action("fetch", "query", "params"),
                                action("push", "data", "table", "mode", "upsert_key")),
                        connector(
                                "jdbc",
                                action("fetch", "query", "params"),
                                action("push", "data", "table", "mode", "upsert_key")),
                        connector(
                                "http_api",
                                action("fetch", "endpoint", "method", "params", "json", "timeout"),
                                action("push", "endpoint", "method", "params", "json", "timeout", "data")),
                        connector(
                                "csv_file",
                                action("fetch", "path", "encoding", "delimiter"),
                                action("push", "data", "path", "mode", "encoding"),
                                action("exists", "path")),
                        connector("shell", action("run", "command", "args", "env", "cwd", "data"))),
                Set.of("page_oncall"));
    }

    private static ConnectorDescriptor connector(String type, ActionDescriptor... actions) {
        return new ConnectorDescriptor(type, List.of(actions));
    }

    private static ActionDescriptor action(String name, String... parameters) {
        return new ActionDescriptor(
                name,
                Arrays.stream(parameters)
                        .map(parameter -> new ParameterDescriptor(parameter, "Object", false))
                        .toList());
    }
}
