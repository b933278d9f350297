package dev.orchestrator.agent.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The agent's classes, imported once per test JVM for the architecture tests: an import takes seconds, and an
 * instance field would import them again for every test method.
 */
final class AgentClasses {

    static final JavaClasses IMPORTED = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.orchestrator.agent");

    private AgentClasses() {}
}
