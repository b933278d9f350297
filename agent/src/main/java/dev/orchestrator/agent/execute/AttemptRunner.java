package dev.orchestrator.agent.execute;

import dev.orchestrator.agent.connector.ActionInvoker;
import dev.orchestrator.agent.connector.ConnectorConfigurationException;
import dev.orchestrator.agent.connector.ConnectorRegistry;
import dev.orchestrator.agent.connector.ConnectorType;
import dev.orchestrator.model.Task;
import dev.orchestrator.template.TemplateRenderException;
import dev.orchestrator.template.TemplateRenderer;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs one attempt's code on the calling thread: renders the task's templates, borrows a connector instance
 * from the run's pool, calls the action. Never throws: every error comes back in the result. Thread-safe.
 */
final class AttemptRunner {

    private final Supplier<ConnectorRegistry> installed;
    private final ActionInvoker invoker;
    private final TemplateRenderer templates;

    AttemptRunner(Supplier<ConnectorRegistry> installed, ActionInvoker invoker, TemplateRenderer templates) {
        this.installed = installed;
        this.invoker = invoker;
        this.templates = templates;
    }

    /** The connector types installed now; a run takes them when it starts and keeps them to its end. */
    ConnectorRegistry installed() {
        return installed.get();
    }

    AttemptResult run(
            Task task,
            Map<String, Object> variables,
            Object data,
            AttemptContext context,
            ConnectorPool pool,
            ConnectorRegistry connectors) {
        context.runningOn(Thread.currentThread());
        try {
            if (task.call().isPresent()) {
                // a call waits for its child run without a thread (CallWaiting); only the items of a for_each call
                // come here, which the engine does not run yet, and a call must never be mistaken for a connector's
                throw new ConnectorConfigurationException("task '" + task.id() + "' calls pipeline '"
                        + task.call().orElseThrow().pipelineId()
                        + "' for each item, and this agent cannot run a for_each call yet; call the pipeline from a"
                        + " task without for_each");
            }
            Map<String, Object> config = render(task, task.connectorConfig(), variables, "connector_config");
            Map<String, Object> arguments = render(task, task.actionKwargs(), variables, "action_kwargs");
            ConnectorType type = connectors
                    .type(task.connector())
                    .orElseThrow(() -> new ConnectorConfigurationException("task '" + task.id() + "' uses connector '"
                            + task.connector() + "', which is not installed; installed: "
                            + String.join(", ", connectors.connectorTypes())));
            context.checkCancelled();
            ConnectorPool.Lease lease = pool.checkout(type, config);
            try {
                return AttemptResult.success(
                        invoker.invoke(type, lease.instance(), task.action(), arguments, data, context));
            } finally {
                if (context.isCancelled()) {
                    pool.discard(lease);
                } else {
                    pool.release(lease);
                }
            }
        } catch (Exception | LinkageError | AssertionError | StackOverflowError e) {
            // plugin code can throw anything; an error in one task must not take the agent's thread down
            return AttemptResult.failure(e);
        } finally {
            context.finishedRunning();
        }
    }

    private Map<String, Object> render(
            Task task, Map<String, Object> values, Map<String, Object> variables, String field) {
        try {
            return templates.renderAll(values, variables, field);
        } catch (TemplateRenderException e) {
            throw e.inTask(task.id());
        }
    }
}
