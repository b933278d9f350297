package dev.orchestrator.validation;

import dev.orchestrator.connector.ConnectorDescriptor;
import dev.orchestrator.connector.PluginCatalog;
import dev.orchestrator.diagnostic.DiagnosticCode;
import dev.orchestrator.diagnostic.Diagnostics;
import dev.orchestrator.diagnostic.Suggestions;
import dev.orchestrator.model.HookRef;
import dev.orchestrator.model.NotifyChannel;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.Position;
import dev.orchestrator.model.SourceMap;
import dev.orchestrator.model.Task;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Names that point elsewhere resolve: trigger targets, hooks, connectors, actions, notify channels, classes. */
final class ReferenceCheck implements PipelineCheck {

    /** Each channel and the setting it cannot work without. */
    static final Map<String, String> CHANNELS =
            Map.of("log", "", "feishu", "webhook_url", "webhook", "url", "slack", "webhook_url");

    private static final Pattern CLASS_NAME =
            Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");

    @Override
    public void check(Pipeline pipeline, ValidationScope scope, Diagnostics diagnostics) {
        SourceMap source = pipeline.source();
        checkHook(pipeline.onSuccess(), source.valueAt("on_success"), scope, diagnostics);
        checkHook(pipeline.onFailure(), source.valueAt("on_failure"), scope, diagnostics);
        checkSelfTrigger(pipeline, "on_success", pipeline.onSuccess(), diagnostics);
        checkSelfTrigger(pipeline, "on_failure", pipeline.onFailure(), diagnostics);
        List<NotifyChannel> channels = pipeline.notifications().channels();
        for (int i = 0; i < channels.size(); i++) {
            checkChannel(channels.get(i), source, SourceMap.item("notify.channels", i), diagnostics);
        }
        for (int i = 0; i < pipeline.tasks().size(); i++) {
            Task task = pipeline.tasks().get(i);
            String path = SourceMap.item("tasks", i);
            checkHook(task.onSuccess(), source.valueAt(path + ".on_success"), scope, diagnostics);
            checkHook(task.onFailure(), source.valueAt(path + ".on_failure"), scope, diagnostics);
            scope.plugins().ifPresent(plugins -> checkConnector(task, plugins, source, path, diagnostics));
            for (int e = 0; e < task.retry().onExceptions().size(); e++) {
                String name = task.retry().onExceptions().get(e);
                if (!CLASS_NAME.matcher(name).matches()) {
                    diagnostics.report(
                            source.valueAt(SourceMap.item(path + ".retry.on_exceptions", e)),
                            DiagnosticCode.INVALID_CLASS_NAME,
                            "on_exceptions of task '" + task.id() + "' lists '" + name + "', which is not a class name",
                            "write a simple or qualified class name such as IOException or java.io.IOException");
                }
            }
        }
    }

    private static void checkSelfTrigger(
            Pipeline pipeline, String key, Optional<HookRef> hook, Diagnostics diagnostics) {
        if (hook.isPresent()
                && hook.get().kind() == HookRef.Kind.TRIGGER
                && hook.get().target().equals(pipeline.id())) {
            diagnostics.report(
                    pipeline.source().valueAt(key),
                    DiagnosticCode.SELF_TRIGGER,
                    "pipeline '" + pipeline.id() + "' starts itself " + key.replace('_', ' ')
                            + ": each run starts the next, until the agent refuses a chain deeper than 10",
                    "to run it repeatedly, give it an interval or cron schedule instead");
        }
    }

    private static void checkHook(Optional<HookRef> hook, Position at, ValidationScope scope, Diagnostics diagnostics) {
        if (hook.isEmpty()) {
            return;
        }
        String target = hook.get().target();
        if (hook.get().kind() == HookRef.Kind.TRIGGER && !scope.pipelineIds().contains(target)) {
            String suggestion = Suggestions.didYouMean(target, scope.pipelineIds());
            diagnostics.report(
                    at,
                    DiagnosticCode.UNKNOWN_TRIGGER_TARGET,
                    "'" + hook.get() + "' names no loaded pipeline" + (suggestion == null ? "" : "; " + suggestion),
                    "trigger: takes the id of a pipeline in the config directory");
        }
        if (hook.get().kind() == HookRef.Kind.HOOK) {
            scope.plugins().filter(plugins -> !plugins.hasHook(target)).ifPresent(plugins -> {
                String suggestion = Suggestions.didYouMean(target, plugins.hookNames());
                diagnostics.report(
                        at,
                        DiagnosticCode.UNKNOWN_HOOK,
                        "no plugin provides hook '" + target + "'" + (suggestion == null ? "" : "; " + suggestion),
                        plugins.hookNames().isEmpty()
                                ? "no hook plugins are installed in the plugins directory"
                                : "installed hooks: "
                                        + String.join(
                                                ", ",
                                                plugins.hookNames().stream()
                                                        .sorted()
                                                        .toList()));
            });
        }
    }

    private static void checkConnector(
            Task task, PluginCatalog plugins, SourceMap source, String path, Diagnostics diagnostics) {
        if (task.connector().isEmpty()) {
            return; // missing, already reported, or a waiting task
        }
        Optional<ConnectorDescriptor> connector = plugins.connector(task.connector());
        if (connector.isEmpty()) {
            String suggestion = Suggestions.didYouMean(task.connector(), plugins.connectorTypes());
            diagnostics.report(
                    source.valueAt(path + ".connector"),
                    DiagnosticCode.UNKNOWN_CONNECTOR,
                    "task '" + task.id() + "' uses connector '" + task.connector() + "', which is not installed"
                            + (suggestion == null ? "" : "; " + suggestion),
                    "installed: "
                            + String.join(
                                    ", ",
                                    plugins.connectorTypes().stream().sorted().toList())
                            + "; plugins go in the plugins directory as JARs or .java files");
            return;
        }
        checkAction(
                task.connector(), connector.get(), task.action(), "", source.valueAt(path + ".action"), diagnostics);
        task.rollback()
                .ifPresent(rollback -> checkAction(
                        task.connector(),
                        connector.get(),
                        rollback.action(),
                        "rollback of task '" + task.id() + "': ",
                        source.valueAt(path + ".rollback.action"),
                        diagnostics));
    }

    private static void checkAction(
            String type,
            ConnectorDescriptor connector,
            String action,
            String prefix,
            Position at,
            Diagnostics diagnostics) {
        if (!action.isEmpty() && connector.action(action).isEmpty()) {
            List<String> actions = connector.actionNames();
            String suggestion = Suggestions.didYouMean(action, actions);
            diagnostics.report(
                    at,
                    DiagnosticCode.UNKNOWN_ACTION,
                    prefix + "connector '" + type + "' has no action '" + action + "'"
                            + (suggestion == null ? "" : "; " + suggestion),
                    "actions of " + type + ": " + String.join(", ", actions));
        }
    }

    private static void checkChannel(NotifyChannel channel, SourceMap source, String path, Diagnostics diagnostics) {
        String required = CHANNELS.get(channel.name());
        if (required == null) {
            String suggestion = Suggestions.didYouMean(channel.name(), CHANNELS.keySet());
            diagnostics.report(
                    source.valueAt(path + ".name"),
                    DiagnosticCode.UNKNOWN_CHANNEL,
                    "unknown notify channel '" + channel.name() + "'" + (suggestion == null ? "" : "; " + suggestion),
                    "channels: "
                            + String.join(
                                    ", ", CHANNELS.keySet().stream().sorted().toList()));
        } else if (!required.isEmpty() && isBlank(channel.config().get(required))) {
            diagnostics.report(
                    source.valueAt(path),
                    DiagnosticCode.MISSING_CHANNEL_SETTING,
                    "notify channel '" + channel.name() + "' has no config." + required,
                    "add 'config: { " + required + ": \"${MY_WEBHOOK_URL}\" }' and keep the URL in the environment");
        }
    }

    private static boolean isBlank(Object value) {
        return value == null || value.toString().isBlank();
    }
}
