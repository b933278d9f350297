package dev.orchestrator.agent.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.orchestrator.agent.JsonMapper;
import dev.orchestrator.agent.cli.common.ExitCodes;
import dev.orchestrator.agent.cli.common.VersionProvider;
import dev.orchestrator.agent.plugin.Plugins;
import dev.orchestrator.config.PipelineConfig;
import dev.orchestrator.config.PipelineConfigReader;
import dev.orchestrator.connector.PluginCatalog;
import dev.orchestrator.diagnostic.Diagnostic;
import dev.orchestrator.validation.Validator;
import dev.orchestrator.yaml.PipelineLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code orchestrator validate}: every problem of a config directory or file, as text or JSON. */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Check pipeline files and report every problem in one pass.",
            "Exit code: 0 no errors (warnings allowed), 1 errors found, 2 usage error."
        })
public final class ValidateCommand implements Callable<Integer> {

    enum Format {
        text,
        json
    }

    @Spec
    private CommandSpec spec;

    @Option(
            names = {"-c", "--config"},
            paramLabel = "DIR|FILE",
            defaultValue = "pipelines",
            description = "Config directory (every *.yaml / *.yml in it) or one file. Default: ${DEFAULT-VALUE}")
    private Path config;

    @Option(
            names = {"-p", "--plugins"},
            paramLabel = "DIR",
            defaultValue = "connectors",
            description =
                    "Plugins directory, for checking connector, action and hook names. " + "Default: ${DEFAULT-VALUE}")
    private Path plugins;

    @Option(
            names = "--format",
            paramLabel = "text|json",
            defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}")
    private Format format;

    @Override
    public Integer call() throws IOException {
        if (!Files.exists(config)) {
            throw new ParameterException(
                    spec.commandLine(),
                    "config '" + config + "' does not exist; pass "
                            + "--config with a directory of pipeline files or one .yaml file");
        }
        Path configDir = Files.isDirectory(config)
                ? config
                : Optional.ofNullable(config.getParent()).orElse(Path.of("."));
        List<Diagnostic> pluginProblems = new java.util.ArrayList<>();
        PipelineConfigReader reader = new PipelineConfigReader(
                PipelineLoader.forConfigDirectory(configDir),
                new Validator(knownPlugins(pluginProblems), Clock.system(ZoneId.systemDefault())));
        PipelineConfig loaded = reader.read(config);
        PipelineConfig result = pluginProblems.isEmpty()
                ? loaded
                : new PipelineConfig(
                        concat(
                                loaded.files(),
                                new dev.orchestrator.yaml.LoadedFile(
                                        plugins.toString(), Optional.of(plugins), List.of(), pluginProblems)),
                        loaded.secrets());
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            out.println(new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(result.diagnostics()));
        } else {
            printText(result, out);
        }
        out.flush();
        return result.hasErrors() ? ExitCodes.FAILED : ExitCodes.OK;
    }

    /** The built-in connectors and whatever the plugins directory adds, as the agent would load them. */
    private Optional<PluginCatalog> knownPlugins(List<Diagnostic> problems) {
        Plugins loaded = PluginCacheLocation.loader().load(plugins);
        problems.addAll(loaded.problems());
        return Optional.of(loaded.registry(JsonMapper.create()));
    }

    private static List<dev.orchestrator.yaml.LoadedFile> concat(
            List<dev.orchestrator.yaml.LoadedFile> files, dev.orchestrator.yaml.LoadedFile more) {
        List<dev.orchestrator.yaml.LoadedFile> all = new java.util.ArrayList<>(files);
        all.add(more);
        return all;
    }

    private static void printText(PipelineConfig result, PrintWriter out) {
        List<Diagnostic> diagnostics = result.diagnostics();
        for (Diagnostic diagnostic : diagnostics) {
            out.println(diagnostic.toLine());
            if (diagnostic.hint() != null) {
                out.println("  hint: " + diagnostic.hint());
            }
        }
        int files = result.files().size();
        int pipelines = result.pipelines().size();
        String scope = pipelines + plural(pipelines, " pipeline") + " in " + files + plural(files, " file");
        if (diagnostics.isEmpty()) {
            out.println("OK: " + scope + ", no problems");
        } else {
            long errors = result.errorCount();
            long warnings = result.warningCount();
            out.println((errors == 0 ? "OK with warnings: " : "FAILED: ") + errors + plural(errors, " error") + ", "
                    + warnings + plural(warnings, " warning") + " (" + scope + ")");
        }
    }

    private static String plural(long count, String word) {
        return count == 1 ? word : word + "s";
    }
}
