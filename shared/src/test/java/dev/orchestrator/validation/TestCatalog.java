package dev.orchestrator.validation;

import dev.orchestrator.connector.ActionDescriptor;
import dev.orchestrator.connector.ConnectorDescriptor;
import dev.orchestrator.connector.PluginCatalog;
import dev.orchestrator.connector.StaticPluginCatalog;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** The built-in connector names and actions, plus one hook, as fixtures are validated against. */
final class TestCatalog {

    private TestCatalog() {
    }

    static PluginCatalog builtinsWithPageOncallHook() {
        return new StaticPluginCatalog(List.of(
                connector("postgres", "fetch", "push"),
                connector("jdbc", "fetch", "push"),
                connector("http_api", "fetch", "push"),
                connector("csv_file", "fetch", "push", "exists"),
                connector("shell", "run")), Set.of("page_oncall"));
    }

    private static ConnectorDescriptor connector(String type, String... actions) {
        return new ConnectorDescriptor(type, Arrays.stream(actions)
                .map(action -> new ActionDescriptor(action, List.of())).toList());
    }
}
