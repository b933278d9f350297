package dev.orchestrator.agent.store;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/**
 * Runs an {@link OnEveryDatabase} test on each {@link TestDatabase.Kind}. PostgreSQL is left out where zonky has
 * no binaries (it ships Linux ones here, see agent/pom.xml).
 */
final class EveryDatabase implements TestTemplateInvocationContextProvider {

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getRequiredTestMethod().isAnnotationPresent(OnEveryDatabase.class);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        boolean linux = System.getProperty("os.name", "")
                .toLowerCase(java.util.Locale.ROOT)
                .contains("linux");
        return Arrays.stream(TestDatabase.Kind.values())
                .filter(kind -> kind != TestDatabase.Kind.POSTGRESQL || linux)
                .map(Invocation::new);
    }

    private record Invocation(TestDatabase.Kind kind) implements TestTemplateInvocationContext {

        @Override
        public String getDisplayName(int invocationIndex) {
            return kind == TestDatabase.Kind.H2 ? "H2" : "PostgreSQL";
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of(new DatabaseParameter(kind));
        }
    }

    /** Hands the test a fresh database and closes it afterwards. */
    private static final class DatabaseParameter implements ParameterResolver, AfterEachCallback {

        private static final ExtensionContext.Namespace NAMESPACE =
                ExtensionContext.Namespace.create(DatabaseParameter.class);
        private final TestDatabase.Kind kind;

        DatabaseParameter(TestDatabase.Kind kind) {
            this.kind = kind;
        }

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == TestDatabase.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getStore(NAMESPACE)
                    .getOrComputeIfAbsent("database", key -> TestDatabase.create(kind), TestDatabase.class);
        }

        @Override
        public void afterEach(ExtensionContext context) {
            TestDatabase database = context.getStore(NAMESPACE).remove("database", TestDatabase.class);
            if (database != null) {
                database.close();
            }
        }
    }
}
