package dev.orchestrator.agent.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

/**
 * The agent's packages depend on each other one way only (issue 18). Each package is its own slice, the root
 * package {@code dev.orchestrator.agent} included (hence {@code dev.orchestrator.(**)}, not
 * {@code dev.orchestrator.agent.(**)}, which leaves the root package out).
 */
class AgentCyclesTest {

    private static final JavaClasses agent = AgentClasses.IMPORTED;

    @Test
    void theAgentsPackagesAreFreeOfCycles() {
        // a rule over no classes passes: make sure the import found the agent (its engine among them)
        assertThat(agent.containPackage("dev.orchestrator.agent.execute"))
                .as("the agent's classes were imported")
                .isTrue();
        slices().matching("dev.orchestrator.(**)").should().beFreeOfCycles().check(agent);
    }
}
