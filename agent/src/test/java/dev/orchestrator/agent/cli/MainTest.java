package dev.orchestrator.agent.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** The command tree {@link Main#main} builds: only what the arguments name, when they name a command. */
class MainTest {

    @Test
    void aNamedCommandIsBuiltAloneUnderTheOrchestratorCommand() {
        CommandLine commandLine = Main.newCommandLine("list", "--json");

        assertThat(commandLine.getSubcommands()).containsOnlyKeys("list");
        assertThat(commandLine.getSubcommands().get("list").getCommandSpec().qualifiedName())
                .isEqualTo("orchestrator list");
    }

    @Test
    void withoutACommandOrWithAMisspeltOneTheWholeTreeIsBuilt() {
        assertThat(Main.newCommandLine().getSubcommands()).containsKeys("run", "validate", "list", "service");
        assertThat(Main.newCommandLine("--help").getSubcommands()).containsKeys("run", "validate", "list");
        assertThat(Main.newCommandLine("lst").getSubcommands()).containsKeys("run", "validate", "list");
    }

    @Test
    void aCommandBuiltAloneKeepsTheExitCodesAndItsSubcommands() {
        StringWriter err = new StringWriter();
        CommandLine service = Main.newCommandLine("service", "install", "--platform", "beos");
        service.setErr(new PrintWriter(err));

        int exitCode = service.execute("service", "install", "--platform", "beos");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("'beos' is not a platform");
        assertThat(service.getSubcommands().get("service").getSubcommands()).containsKeys("install", "status",
                "uninstall");
    }
}
