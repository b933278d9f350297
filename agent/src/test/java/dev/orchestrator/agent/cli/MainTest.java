package dev.orchestrator.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

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
        assertThat(service.getSubcommands().get("service").getSubcommands())
                .containsKeys("install", "status", "uninstall");
    }

    private record Result(int exitCode, String out, String err) {}

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.newCommandLine(args);
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exitCode = commandLine.execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    @Test
    void aUsageErrorPrintsTheErrorAndTheUsageLineNotTheWholeHelp() {
        Result result = run("validate", "--confg", "pipelines");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err())
                .startsWith("Unknown options: '--confg', 'pipelines'")
                .contains("Possible solutions: --config")
                .contains("Usage: orchestrator validate [-hV]")
                .contains("Try 'orchestrator validate --help' for more information.")
                .doesNotContain("Output format:")
                .doesNotContain("Plugins directory");
        assertThat(result.err().lines().count()).isLessThanOrEqualTo(8);
    }

    @Test
    void anErrorFoundByTheCommandItselfAlsoGetsTheShortForm() {
        Result result = run("validate", "--config", "/no/such/directory");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err())
                .startsWith("config '/no/such/directory' does not exist")
                .contains("Usage: orchestrator validate")
                .doesNotContain("Output format:");
    }

    @Test
    void aMisspeltCommandSuggestsTheCommandAndNoCommandListsThemBriefly() {
        Result misspelt = run("valdate");

        assertThat(misspelt.exitCode()).isEqualTo(2);
        assertThat(misspelt.err())
                .contains("'valdate'")
                .contains("validate")
                .contains("Usage: orchestrator [-hV] [COMMAND]")
                .doesNotContain("Show this help message");

        Result none = run();

        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err())
                .startsWith("name a command, for example: orchestrator validate")
                .contains("Usage: orchestrator [-hV] [COMMAND]")
                .contains("  validate ")
                .doesNotContain("Show this help message");
    }
}
