package dev.orchestrator.agent.cli.service;

import dev.orchestrator.agent.cli.common.ExitCodes;
import dev.orchestrator.agent.cli.service.Plan.Note;
import dev.orchestrator.agent.cli.service.Plan.WriteFile;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The agent as a Windows service through WinSW: the definition file goes beside the {@code orchestrator} launcher,
 * and the user installs it with the wrapper, which this program does not ship (it is a download of its own).
 */
final class Winsw {

    /** {@code DIR\NAME-service}, without extension: the wrapper is that {@code .exe}, its definition that {@code .xml}. */
    static String wrapper(String directory, String name) {
        return directory + "\\" + WinswDefinition.wrapperName(name);
    }

    /** The directory of a file, for Windows paths also when this machine is not Windows. */
    static String directoryOf(String file) {
        int separator = Math.max(file.lastIndexOf('\\'), file.lastIndexOf('/'));
        return separator > 0 ? file.substring(0, separator) : ".";
    }

    Plan install(ServiceDefinition service, String directory, Optional<String> account) {
        String wrapper = wrapper(directory, service.name());
        List<Plan.Step> steps = new ArrayList<>();
        steps.add(new WriteFile(wrapper + ".xml", WinswDefinition.render(service)));
        steps.add(new Note("Next, in a command prompt run as administrator:"));
        steps.add(new Note("  1. download WinSW-x64.exe (" + WinswDefinition.WINSW_DOWNLOAD + ") and save it as "
                + wrapper + ".exe"));
        steps.add(new Note("  2. " + wrapper + ".exe install"
                + account.map(user -> " /p   (it asks for the account: " + user + ", and its password)")
                        .orElse("   (it runs as LocalSystem)")));
        steps.add(new Note("  3. " + wrapper + ".exe start"));
        steps.add(new Note("Secrets for the pipelines' ${VAR}: the .env file beside the pipelines directory; "
                + "the agent's log: " + service.home() + "\\logs"));
        return new Plan(steps);
    }

    Plan uninstall(String name, String directory) {
        String wrapper = wrapper(directory, name);
        return new Plan(List.of(
                new Note("In a command prompt run as administrator:"),
                new Note("  " + wrapper + ".exe stop"),
                new Note("  " + wrapper + ".exe uninstall"),
                new Note("then delete " + wrapper + ".xml and " + wrapper + ".exe; the agent home stays")));
    }

    int status(String name, String directory, PrintWriter out) {
        String definition = wrapper(directory, name) + ".xml";
        if (!Files.exists(Path.of(definition))) {
            out.println(name + ": no service definition (there is no " + definition + "); orchestrator service "
                    + "install writes it");
            return ExitCodes.FAILED;
        }
        out.println(name + ": defined in " + definition);
        out.println("Whether it is installed and runs: " + wrapper(directory, name) + ".exe status");
        return ExitCodes.OK;
    }
}
