package dev.orchestrator.yaml;

import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.Position;
import dev.orchestrator.secret.SecretMasker;
import dev.orchestrator.validation.DiagnosticCode;
import dev.orchestrator.validation.Diagnostics;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads pipeline files into {@link Pipeline} records with SnakeYAML's node API, so that every value keeps its
 * line and column. Problems never escape as exceptions: each becomes a diagnostic and loading goes on.
 * Cross-file and semantic checks are the {@code Validator}'s. Thread-safe: each call works on its own state.
 */
public final class PipelineLoader {

    private static final int MAX_FILE_CODE_POINTS = 16 * 1024 * 1024;

    private final EnvReferences env;

    public PipelineLoader(EnvironmentLookup environment) {
        this.env = new EnvReferences(environment);
    }

    /** A loader whose {@code ${VAR}} lookups fall back to the {@code .env} file beside {@code configDir}. */
    public static PipelineLoader forConfigDirectory(Path configDir) {
        Path parent = configDir.toAbsolutePath().normalize().getParent();
        Path dotEnv = parent == null ? configDir.resolve(".env") : parent.resolve(".env");
        return new PipelineLoader(EnvironmentLookup.processThen(DotEnvFile.read(dotEnv)));
    }

    /** Every {@code *.yaml} / {@code *.yml} file directly inside {@code directory}, in name order. */
    public LoadResult loadDirectory(Path directory) throws IOException {
        List<Path> files;
        try (Stream<Path> entries = Files.list(directory)) {
            files = entries.filter(PipelineLoader::isPipelineFile).sorted().toList();
        }
        Session session = new Session(directory);
        for (Path file : files) {
            session.readFile(file, file.toString());
        }
        return session.result();
    }

    /** One file; it may include files of its own directory and below. */
    public LoadResult loadFile(Path file) {
        Path parent = file.toAbsolutePath().normalize().getParent();
        Session session = new Session(parent == null ? file : parent);
        session.readFile(file, file.toString());
        return session.result();
    }

    /**
     * Text that is not (yet) a file, from the editor or the API.
     *
     * @param includeBase the directory that {@code include:} paths are relative to, and that they stay inside
     */
    public LoadResult loadText(String name, String text, Path includeBase) {
        Session session = new Session(includeBase);
        session.bind(name, Optional.empty(), text, includeBase);
        return session.result();
    }

    public static boolean isPipelineFile(Path path) {
        String name = path.getFileName().toString();
        return (name.endsWith(".yaml") || name.endsWith(".yml")) && Files.isRegularFile(path);
    }

    /**
     * The state of one loading call: files met so far, the include chain, secrets found, and the config
     * directory that includes stay inside.
     */
    private final class Session {
        private final IncludeScope scope;
        private final List<LoadedFile> files = new ArrayList<>();
        private final List<String> secrets = new ArrayList<>();
        private final Set<Path> loaded = new HashSet<>();
        private final Deque<Path> including = new ArrayDeque<>();

        Session(Path configDirectory) {
            this.scope = new IncludeScope(configDirectory);
        }

        void readFile(Path file, String name) {
            Path key = file.toAbsolutePath().normalize();
            if (!loaded.add(key)) {
                return; // already loaded through an include
            }
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                Diagnostics diagnostics = new Diagnostics();
                diagnostics.report(Position.startOf(name), DiagnosticCode.UNREADABLE_FILE,
                        "cannot read " + name + ": " + e.getMessage(),
                        "check that the file exists, is readable, and is UTF-8 text");
                files.add(new LoadedFile(name, Optional.of(file), List.of(), diagnostics.toList()));
                return;
            }
            including.push(key);
            try {
                Path parent = key.getParent();
                bind(name, Optional.of(file), text, parent == null ? key : parent);
            } finally {
                including.pop();
            }
        }

        void bind(String name, Optional<Path> path, String text, Path includeBase) {
            Diagnostics diagnostics = new Diagnostics();
            BindContext context = new BindContext(name, diagnostics, env, secrets);
            List<Pipeline> pipelines = new ArrayList<>();
            int index = files.size();
            files.add(null); // keeps this file ahead of the files it includes
            Optional<Node> root = compose(name, text, diagnostics);
            if (root.isPresent()) {
                bindRoot(root.get(), context, includeBase, pipelines);
            } else if (!diagnostics.hasErrors()) {
                diagnostics.report(Position.startOf(name), DiagnosticCode.NO_PIPELINES, name + " is empty",
                        "add a 'pipelines:' list, or delete the file");
            }
            files.set(index, new LoadedFile(name, path, pipelines, diagnostics.toList()));
        }

        private void bindRoot(Node root, BindContext context, Path includeBase, List<Pipeline> pipelines) {
            if (!(root instanceof MappingNode mapping)) {
                context.report(root, DiagnosticCode.WRONG_TYPE, "the file holds " + YamlValues.describe(root)
                        + ", expected a mapping with a 'pipelines:' list", "start the file with 'pipelines:'");
                return;
            }
            MappingReader file = new MappingReader(context, new PositionRecorder(context.file()), mapping, "",
                    "the file", FormatKeys.FILE);
            includes(file, context, includeBase);
            if (!file.has("pipelines")) {
                if (!file.has("include")) {
                    context.diagnostics().report(file.position(), DiagnosticCode.NO_PIPELINES,
                            context.file() + " defines no pipelines", "add a 'pipelines:' list");
                }
                return;
            }
            List<Node> items = file.sequence("pipelines");
            if (items.isEmpty() && file.node("pipelines").map(SequenceNode.class::isInstance).orElse(false)) {
                context.diagnostics().report(file.node("pipelines").map(context::at).orElse(file.position()),
                        DiagnosticCode.NO_PIPELINES, context.file() + " has an empty 'pipelines:' list",
                        "add a pipeline with an 'id' and 'tasks'");
            }
            PipelineReader reader = new PipelineReader(context);
            for (int i = 0; i < items.size(); i++) {
                reader.read(items.get(i), i).ifPresent(pipelines::add);
            }
        }

        private void includes(MappingReader file, BindContext context, Path includeBase) {
            List<String> targets = file.strings("include");
            for (int i = 0; i < targets.size(); i++) {
                String target = targets.get(i).strip();
                Position at = file.itemPosition("include", i);
                Path resolved = includeBase.resolve(target).toAbsolutePath().normalize();
                if (!scope.contains(resolved)) {
                    // never read, nor even tested for existence: its first line would end up in the message
                    context.diagnostics().report(at, DiagnosticCode.INCLUDE_OUTSIDE, "included file '" + target
                                    + "' is outside the config directory " + scope.directory(),
                            "include files inside the config directory, by a path relative to the including "
                                    + "file such as 'parts/common.yaml'; move or copy the file there (a symbolic "
                                    + "link that leads out does not count)");
                } else if (including.contains(resolved)) {
                    context.diagnostics().report(at, DiagnosticCode.INCLUDE_CYCLE, including.peek().equals(resolved)
                                    ? context.file() + " includes itself through '" + target + "'"
                                    : "including '" + target + "' from " + context.file()
                                    + " makes the files include each other",
                            "remove one of the include: entries of the cycle");
                } else if (Files.isDirectory(resolved)) {
                    context.diagnostics().report(at, DiagnosticCode.INCLUDE_NOT_FOUND, "included path '" + target
                            + "' is a directory (" + resolved + "), not a file", "include one .yaml file per entry");
                } else if (!Files.isRegularFile(resolved)) {
                    context.diagnostics().report(at, DiagnosticCode.INCLUDE_NOT_FOUND, "included file '" + target
                                    + "' does not exist (looked for " + resolved + ")",
                            "include paths are relative to the file that includes them");
                } else {
                    readFile(resolved, displayName(context.file(), target));
                }
            }
        }

        /** Masked here, not where reported: a value is secret in every file once any file read it from the environment. */
        LoadResult result() {
            SecretMasker masker = SecretMasker.of(secrets);
            return new LoadResult(files.stream().map(file -> file.masked(masker)).toList(), masker);
        }
    }

    private static String displayName(String includingFile, String target) {
        Path parent = Path.of(includingFile).getParent();
        return (parent == null ? Path.of(target) : parent.resolve(target)).normalize().toString();
    }

    /**
     * Where a reader should look: for a quote or a bracket never closed, where it opened (the parser only
     * notices at the end of the file or at the next key); otherwise where parsing failed, within the file.
     */
    private static Position syntaxErrorPosition(String name, String text, MarkedYAMLException e) {
        String context = e.getContext() == null ? "" : e.getContext();
        boolean unclosed = context.contains("quoted scalar") || context.contains("flow sequence")
                || context.contains("flow mapping");
        Mark mark = unclosed && e.getContextMark() != null ? e.getContextMark()
                : e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        if (mark == null) {
            return Position.startOf(name);
        }
        int lastLine = Math.max(1, (int) text.lines().count());
        int line = Math.min(mark.getLine() + 1, lastLine);
        return new Position(name, line, line == mark.getLine() + 1 ? mark.getColumn() + 1 : 1);
    }

    private static Optional<Node> compose(String name, String text, Diagnostics diagnostics) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true); // reported with both positions by MappingReader instead
        options.setMaxAliasesForCollections(100);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(64);
        options.setCodePointLimit(MAX_FILE_CODE_POINTS);
        try {
            return Optional.ofNullable(new Yaml(options).compose(new StringReader(text)));
        } catch (MarkedYAMLException e) {
            Position at = syntaxErrorPosition(name, text, e);
            String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
            diagnostics.report(at, DiagnosticCode.YAML_SYNTAX, "YAML syntax: " + e.getProblem() + context,
                    "check the indentation and quoting around this line; values with ': ' or '#' need quotes");
        } catch (RuntimeException e) {
            // SnakeYAML's unmarked errors: size limits, alias limits, multiple documents, bad encoding
            diagnostics.report(Position.startOf(name), DiagnosticCode.YAML_SYNTAX,
                    "YAML syntax: " + e.getMessage(), "a pipeline file is one YAML document of at most 16 MB");
        }
        return Optional.empty();
    }
}
