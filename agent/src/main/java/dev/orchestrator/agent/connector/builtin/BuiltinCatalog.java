package dev.orchestrator.agent.connector.builtin;

import dev.orchestrator.connector.ActionDescriptor;
import dev.orchestrator.connector.ConnectorDescriptor;
import dev.orchestrator.connector.ParameterDescriptor;
import dev.orchestrator.connector.PluginCatalog;
import dev.orchestrator.connector.StaticPluginCatalog;

import java.util.List;
import java.util.Set;

/**
 * The built-in connectors of SPEC 6 as the validator sees them: type names (with the {@code jdbc} alias) and
 * their actions' parameters.
 */
public final class BuiltinCatalog {

    private BuiltinCatalog() {
    }

    public static PluginCatalog create() {
        ActionDescriptor sqlFetch = action("fetch", required("query", "String"), optional("params", "Map"));
        ActionDescriptor sqlPush = action("push", required("data", "List"), required("table", "String"),
                optional("mode", "String"), optional("upsert_key", "List"));
        List<ActionDescriptor> sql = List.of(sqlFetch, sqlPush);
        ParameterDescriptor[] http = {required("endpoint", "String"), optional("method", "String"),
                optional("params", "Map"), optional("json", "Object"), optional("timeout", "Double"),
                optional("data", "Object")};
        return new StaticPluginCatalog(List.of(
                new ConnectorDescriptor("postgres", sql),
                new ConnectorDescriptor("jdbc", sql),
                new ConnectorDescriptor("http_api", List.of(action("fetch", http), action("push", http))),
                new ConnectorDescriptor("csv_file", List.of(
                        action("fetch", required("path", "String"), optional("encoding", "String"),
                                optional("delimiter", "String")),
                        action("push", required("data", "List"), required("path", "String"),
                                optional("mode", "String"), optional("encoding", "String")),
                        action("exists", required("path", "String")))),
                new ConnectorDescriptor("shell", List.of(
                        action("run", required("command", "String"), optional("args", "List"),
                                optional("env", "Map"), optional("cwd", "String"), optional("data", "Object"))))),
                Set.of());
    }

    private static ActionDescriptor action(String name, ParameterDescriptor... parameters) {
        return new ActionDescriptor(name, List.of(parameters));
    }

    private static ParameterDescriptor required(String name, String type) {
        return new ParameterDescriptor(name, type, true);
    }

    private static ParameterDescriptor optional(String name, String type) {
        return new ParameterDescriptor(name, type, false);
    }
}
