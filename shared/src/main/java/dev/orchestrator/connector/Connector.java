package dev.orchestrator.connector;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class as a connector: {@code connector: <value>} in a pipeline uses it, and each public instance
 * method (other than {@code ping()} and {@code close()}) is an action.
 *
 * <p>The class needs a public constructor taking either nothing, a {@code Map<String, Object>} of the task's
 * rendered {@code connector_config}, or one record the config is converted into. An action's parameters bind
 * by name from {@code action_kwargs} (compile with {@code -parameters}); a parameter named {@code data} receives
 * the upstream task's output and a {@link TaskContext} parameter the running task's context. Its return value
 * is the task's output. Implement {@link AutoCloseable} to release resources at the end of the run; a public
 * {@code boolean ping()} is used by {@code orchestrator ping}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Connector {

    /** The type name pipelines use, such as {@code csv_file}. */
    String value();

    /** Other names for the same type, such as {@code jdbc} for {@code postgres}. */
    String[] aliases() default {};

    /**
     * True when one instance may serve several tasks at the same moment. By default each concurrent task of a
     * run gets an instance of its own.
     */
    boolean threadSafe() default false;
}
