package dev.orchestrator.agent.connector;

import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.Task;
import dev.orchestrator.secret.SecretMasker;
import dev.orchestrator.template.TemplateRenderer;
import dev.orchestrator.template.TemplateVariables;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Asks each distinct connector of the pipelines (type and rendered config; for a {@link TaskPing}, also the
 * rendered arguments) whether what it talks to is reachable, through its {@link TaskPing} or its
 * {@code boolean ping()}. A connector with neither, or one that cannot tell, is not checkable: reported as such,
 * neither as reachable nor as a failure.
 */
public final class ConnectorPinger {

    /** What one connector answered. */
    public record Answer(String pipelineId, String taskId, String connector, Status status, String detail) {}

    public enum Status {
        OK,
        FAILED,
        NOT_CHECKABLE
    }

    private final ConnectorRegistry connectors;
    private final TemplateRenderer templates = new TemplateRenderer();

    public ConnectorPinger(ConnectorRegistry connectors) {
        this.connectors = connectors;
    }

    /** @param configDirectory the directory of the pipeline files, which relative paths of tasks start from */
    public List<Answer> ping(List<Pipeline> pipelines, Path configDirectory, ZonedDateTime now, SecretMasker masker) {
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
                    answers.add(new Answer(
                            pipeline.id(), task.id(), task.connector(), Status.FAILED, masker.mask(e.getMessage())));
                    continue;
                }
                boolean perTask = connectors
                        .type(task.connector())
                        .filter(type -> TaskPing.class.isAssignableFrom(type.javaType()))
                        .isPresent();
                Map<String, Object> arguments = perTask ? renderedArguments(task, variables) : Map.of();
                String key = task.connector() + " " + config + (perTask ? " " + arguments : "");
                Answer earlier = seen.get(key);
                Answer answer = earlier != null
                        ? new Answer(pipeline.id(), task.id(), task.connector(), earlier.status(), earlier.detail())
                        : ask(pipeline, task, config, arguments, configDirectory, masker);
                seen.putIfAbsent(key, answer);
                answers.add(answer);
            }
        }
        return answers;
    }

    /** The task's arguments rendered for a ping, or none when they do not render: the check then cannot tell. */
    private Map<String, Object> renderedArguments(Task task, Map<String, Object> variables) {
        try {
            return templates.renderAll(task.actionKwargs(), variables, "action_kwargs");
        } catch (RuntimeException e) {
            return Map.of();
        }
    }

    private Answer ask(
            Pipeline pipeline,
            Task task,
            Map<String, Object> config,
            Map<String, Object> arguments,
            Path configDirectory,
            SecretMasker masker) {
        ConnectorType type = connectors.type(task.connector()).orElse(null);
        if (type == null) {
            return new Answer(pipeline.id(), task.id(), task.connector(), Status.FAILED, "connector not installed");
        }
        Method ping = null;
        if (!TaskPing.class.isAssignableFrom(type.javaType())) {
            try {
                ping = type.javaType().getMethod("ping");
            } catch (NoSuchMethodException e) {
                return new Answer(pipeline.id(), task.id(), task.connector(), Status.NOT_CHECKABLE, "has no ping()");
            }
        }
        Object instance = null;
        try {
            instance = type.newInstance(config);
            if (instance instanceof TaskPing taskPing) {
                TaskPing.Result result = taskPing.ping(configDirectory, arguments);
                return new Answer(
                        pipeline.id(), task.id(), task.connector(), result.status(), masker.mask(result.detail()));
            }
            boolean reachable = Boolean.TRUE.equals(ping.invoke(instance));
            return new Answer(
                    pipeline.id(),
                    task.id(),
                    task.connector(),
                    reachable ? Status.OK : Status.FAILED,
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
