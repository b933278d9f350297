package dev.orchestrator.template;

/** A template that could not be rendered; the message names the field and the cause. Never retried. */
public final class TemplateRenderException extends RuntimeException {

    private final String field;

    public TemplateRenderException(String field, String reason, Throwable cause) {
        this(field, "template in " + field + ": " + reason, cause, true);
    }

    private TemplateRenderException(String field, String message, Throwable cause, boolean ignored) {
        super(message, cause);
        this.field = field;
    }

    /** The same problem, with the task named in front. */
    public TemplateRenderException inTask(String taskId) {
        return new TemplateRenderException(field, "task '" + taskId + "': " + getMessage(), getCause(), true);
    }

    public String field() {
        return field;
    }
}
