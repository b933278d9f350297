package dev.orchestrator.agent.connector;

import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.Task;
import dev.orchestrator.secret.SecretMasker;
import dev.orchestrator.template.TemplateRenderer;
import dev.orchestrator.template.TemplateVariables;

import java.lang.reflect.Method;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Asks each distinct connector of the pipelines (type and rendered config) whether what it talks to is
 * reachable, through its {@code ping()}. A connector without one is reported as such, not as a failure.
 */
public final class ConnectorPinger {

    /** What one connector answered. */
    public record Answer(String pipelineId, String taskId, String connector, Status status, String detail) {
    }

    public enum Status { OK, FAILED, NO_PING }

    private final ConnectorRegistry connectors;
    private final TemplateRenderer templates = new TemplateRenderer();

    public ConnectorPinger(ConnectorRegistry connectors) {
        this.connectors = connectors;
    }

    public List<Answer> ping(List<Pipeline> pipelines, ZonedDateTime now, SecretMasker masker) {
        Map<String, Answer> seen = new LinkedHashMap<>();
        List<Answer> answers = new ArrayList<>();
        for (Pipeline pipeline : pipelines) {
            Map<String, Object> variables = TemplateVariables.forRun(now, "ping", pipeline.id(), pipeline.params());
            for (Task task : pipeline.tasks()) {
                if (task.connector().isEmpty()) {
                    continue;
                }
                Map<String, Object> config;
                try {
                    config = templates.renderAll(task.connectorConfig(), variables, "connector_config");
                } catch (RuntimeException e) {
                    answers.add(new Answer(pipeline.id(), task.id(), task.connector(), Status.FAILED,
                            masker.mask(e.getMessage())));
                    continue;
                }
                String key = task.connector() + " " + config;
                Answer earlier = seen.get(key);
                Answer answer = earlier != null
                        ? new Answer(pipeline.id(), task.id(), task.connector(), earlier.status(), earlier.detail())
                        : ask(pipeline, task, config, masker);
                seen.putIfAbsent(key, answer);
                answers.add(answer);
            }
        }
        return answers;
    }

    private Answer ask(Pipeline pipeline, Task task, Map<String, Object> config, SecretMasker masker) {
        ConnectorType type = connectors.type(task.connector()).orElse(null);
        if (type == null) {
            return new Answer(pipeline.id(), task.id(), task.connector(), Status.FAILED, "connector not installed");
        }
        Method ping;
        try {
            ping = type.javaType().getMethod("ping");
        } catch (NoSuchMethodException e) {
            return new Answer(pipeline.id(), task.id(), task.connector(), Status.NO_PING, "has no ping()");
        }
        Object instance = null;
        try {
            instance = type.newInstance(config);
            boolean reachable = Boolean.TRUE.equals(ping.invoke(instance));
            return new Answer(pipeline.id(), task.id(), task.connector(), reachable ? Status.OK : Status.FAILED,
                    reachable ? "reachable" : "ping() answered false");
        } catch (ReflectiveOperationException | RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return new Answer(pipeline.id(), task.id(), task.connector(), Status.FAILED, masker.mask(cause.toString()));
        } finally {
            if (instance instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    // a ping's connector that fails to close changes nothing about the answer
                }
            }
        }
    }
}
