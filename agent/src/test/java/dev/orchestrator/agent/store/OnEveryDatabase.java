package dev.orchestrator.agent.store;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A store contract test: it runs once on H2 and once on PostgreSQL, each time with a fresh {@link TestDatabase}
 * parameter, so both databases are held to the same expectations.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(EveryDatabase.class)
public @interface OnEveryDatabase {}
