package dev.orchestrator.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Marks a test class or method that starts a JVM (an agent as its own process, a launcher, a JDK tool) or the JavaFX
 * toolkit. Such tests take seconds each: maven-failsafe runs them in {@code ./mvnw verify}, while
 * {@code ./mvnw test} (surefire) runs only the fast unit tests. The modules' poms select them by the tag
 * {@value #TAG}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag(IntegrationTest.TAG)
public @interface IntegrationTest {

    /** The JUnit tag that surefire excludes and failsafe includes. */
    String TAG = "integration";
}
