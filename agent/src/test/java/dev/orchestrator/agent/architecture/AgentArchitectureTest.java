package dev.orchestrator.agent.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

/** The seams of ARCHITECTURE.md: each technology stays inside the one package that owns it. */
class AgentArchitectureTest {

    private static final JavaClasses agent = AgentClasses.IMPORTED;

    @Test
    void theImportSeesTheAgent() {
        assertThat(agent.size()).isGreaterThan(30);
    }

    @Test
    void onlyTheStorePackageUsesJdbi() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.orchestrator.agent.store..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.jdbi..", "org.flywaydb..", "com.zaxxer..")
                .check(agent);
    }

    @Test
    void onlyTheApiPackageUsesTheHttpServer() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.orchestrator.agent.api..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.eclipse.jetty..", "com.sun.net.httpserver..")
                .check(agent);
    }

    @Test
    void onlyTheSchedulePackageUsesQuartz() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.orchestrator.agent.schedule..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.quartz..")
                .check(agent);
    }

    @Test
    void theEngineDoesNotKnowTheApiOrTheCommandLine() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "dev.orchestrator.agent.execute..",
                        "dev.orchestrator.agent.store..",
                        "dev.orchestrator.agent.connector..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.orchestrator.agent.api..", "dev.orchestrator.agent.cli..", "picocli..")
                .check(agent);
    }

    @Test
    void theSubcommandsDoNotKnowTheTreeThatHoldsThem() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "dev.orchestrator.agent.cli.remote..",
                        "dev.orchestrator.agent.cli.service..",
                        "dev.orchestrator.agent.cli.common..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.orchestrator.agent.cli")
                .check(agent);
    }
}
