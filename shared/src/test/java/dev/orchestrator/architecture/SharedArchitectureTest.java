package dev.orchestrator.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * {@code shared} is what plugin authors depend on and what the desktop and the agent both load: it must stay
 * free of the UI toolkit, the scheduler, the store and the HTTP server. Its packages are free of cycles: the loader
 * ({@code yaml}) and the validator ({@code validation}) both report through {@code diagnostic}, which knows neither.
 */
class SharedArchitectureTest {

    /** Imported once for the class: an import takes seconds, and an instance field would repeat it per test. */
    private static final JavaClasses shared = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("dev.orchestrator");

    @Test
    void sharedHoldsClasses() {
        assertThat(shared).as("the import found the shared module's classes").hasSizeGreaterThan(20);
    }

    @Test
    void sharedDoesNotUseJavaFxQuartzJdbiOrAnHttpServer() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "javafx..",
                        "org.quartz..",
                        "org.jdbi..",
                        "com.sun.net.httpserver..",
                        "io.javalin..",
                        "org.eclipse.jetty..",
                        "org.h2..",
                        "com.zaxxer.hikari..",
                        "org.flywaydb..")
                .because("plugins depend on shared alone, and the console must not pull in the agent's engine")
                .check(shared);
    }

    @Test
    void modelRecordsDependOnNothingButTheJdkAndTheDag() {
        noClasses()
                .that()
                .resideInAPackage("dev.orchestrator.model..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.yaml..", "io.pebbletemplates..", "com.cronutils..", "com.fasterxml..")
                .because("the pipeline model is plain data that every layer can use")
                .check(shared);
    }

    @Test
    void thePackagesAreFreeOfCycles() {
        slices().matching("dev.orchestrator.(**)").should().beFreeOfCycles().check(shared);
    }

    @Test
    void diagnosticsKnowNeitherTheLoaderNorTheValidator() {
        noClasses()
                .that()
                .resideInAPackage("dev.orchestrator.diagnostic..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.orchestrator.yaml..",
                        "dev.orchestrator.validation..",
                        "dev.orchestrator.config..",
                        "dev.orchestrator.api..")
                .because("the loader, the validator and every caller report through the same Diagnostic record")
                .check(shared);
    }
}
