package dev.orchestrator.connector;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link HookHandler} class as the hook {@code hook:<value>} that pipelines and tasks name in
 * {@code on_success} / {@code on_failure}. The class needs a public no-argument constructor.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Hook {

    String value();
}
