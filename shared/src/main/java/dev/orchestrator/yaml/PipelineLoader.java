package dev.orchestrator.yaml;

import dev.orchestrator.diagnostic.DiagnosticCode;
import dev.orchestrator.diagnostic.Diagnostics;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.PoolDeclaration;
import dev.orchestrator.model.Position;
import dev.orchestrator.secret.SecretMasker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads pipeline files into {@link Pipeline} records with SnakeYAML's node API, so that every value keeps its
 * line and column. Problems never escape as exceptions: each becomes a diagnostic and loading goes on.
 * Cross-file and semantic checks are the {@code Validator}'s. Thread-safe: each call works on its own state.
 */
public final class PipelineLoader {

    /** The largest pipeline file or text read, in UTF-8 bytes; larger ones are refused before parsing. */
    public static final int MAX_FILE_BYTES = 5 * 1024 * 1024;
    /** The longest single value, in characters. */
    public static final int MAX_VALUE_CHARS = 1024 * 1024;
    /**
     * The longest line, in characters, checked before parsing: SnakeYAML's scanner takes time quadratic in the
     * length of a run without blanks (a one-line value of 1 MB takes over a second, 2 MB five), so one long
     * line is refused before it is scanned. Longer text goes over several lines, as a block scalar.
     */
    static final int MAX_LINE_CHARS = 256 * 1024;
    /** The most values (scalars, lists, mappings) that one file may hold once its aliases are expanded. */
    static final long MAX_EXPANDED_VALUES = 250_000;

    private final EnvReferences env;

    public PipelineLoader(EnvironmentLookup environment) {
        this.env = new EnvReferences(environment);
    }

    /**
     * A loader whose {@code ${VAR}} lookups fall back to the {@code .env} file beside {@code configDir}
     * ({@link #dotEnvOf}), as that file is at each load.
     */
    public static PipelineLoader forConfigDirectory(Path configDir) {
        return new PipelineLoader(EnvironmentLookup.processThen(DotEnvFile.watching(dotEnvOf(configDir))));
    }

    /** The {@code .env} file of a config directory: beside it, in its parent directory. */
    public static Path dotEnvOf(Path configDir) {
        Path parent = configDir.toAbsolutePath().normalize().getParent();
        return parent == null ? configDir.resolve(".env") : parent.resolve(".env");
    }

    /** Every {@code *.yaml} / {@code *.yml} file directly inside {@code directory}, in name order. */
    public LoadResult loadDirectory(Path directory) throws IOException {
        return loadDirectory(directory, Map.of());
    }

    /**
     * The directory as it would be with {@code replacing}'s file holding {@code text} instead of what it holds
     * (or as a new file of the directory, when it is not there yet): what a save would make of the config,
     * before anything is written.
     */
    public LoadResult loadDirectory(Path directory, Path replacing, String text) throws IOException {
        return loadDirectory(directory, Map.of(replacing.toAbsolutePath().normalize(), text));
    }

    private LoadResult loadDirectory(Path directory, Map<Path, String> replaced) throws IOException {
        List<Path> files;
        try (Stream<Path> entries = Files.list(directory)) {
            files = new ArrayList<>(
                    entries.filter(PipelineLoader::isPipelineFile).toList());
        }
        for (Path file : replaced.keySet()) {
            boolean listed = files.stream()
                    .anyMatch(path -> path.toAbsolutePath().normalize().equals(file));
            if (!listed && directory.toAbsolutePath().normalize().equals(file.getParent())) {
                files.add(directory.resolve(file.getFileName()));
            }
        }
        files.sort(null);
        Session session = new Session(directory, replaced);
        for (Path file : files) {
            session.readDirectoryEntry(file, file.toString());
        }
        return session.result();
    }

    /** One file; it may include files of its own directory and below. */
    public LoadResult loadFile(Path file) {
        Path parent = file.toAbsolutePath().normalize().getParent();
        Session session = new Session(parent == null ? file : parent, Map.of());
        session.readFile(file, file.toString());
        return session.result();
    }

    /**
     * Text that is not (yet) a file, from the editor or the API.
     *
     * @param includeBase the directory that {@code include:} paths are relative to, and that they stay inside
     */
    public LoadResult loadText(String name, String text, Path includeBase) {
        Session session = new Session(includeBase, Map.of());
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
        private final Map<Path, String> replaced; // absolute path to the text read in place of the file's

        Session(Path configDirectory, Map<Path, String> replaced) {
            this.scope = new IncludeScope(configDirectory);
            this.replaced = replaced;
        }

        /**
         * A file found in the config directory: one that is a symbolic link leading out of it is reported and never
         * read, as an include would be (its first line would end up in a diagnostic).
         */
        void readDirectoryEntry(Path file, String name) {
            Path absolute = file.toAbsolutePath().normalize();
            if (!replaced.containsKey(absolute) && !scope.contains(absolute)) {
                Diagnostics diagnostics = new Diagnostics();
                diagnostics.report(
                        Position.startOf(name),
                        DiagnosticCode.INCLUDE_OUTSIDE,
                        name + " is a symbolic " + "link to a file outside the config directory " + scope.directory(),
                        "keep pipeline files inside the config directory: move or copy the file there");
                files.add(new LoadedFile(name, Optional.of(file), List.of(), diagnostics.toList()));
                return;
            }
            readFile(file, name);
        }

        void readFile(Path file, String name) {
            Path key = file.toAbsolutePath().normalize();
            if (!loaded.add(key)) {
                return; // already loaded through an include
            }
            String text;
            try {
                if (replaced.containsKey(key)) {
                    text = replaced.get(key);
                } else {
                    long size = Files.size(file);
                    if (size > MAX_FILE_BYTES) {
                        tooLarge(name, Optional.of(file), size);
                        return;
                    }
                    text = Files.readString(file, StandardCharsets.UTF_8);
                }
            } catch (IOException | RuntimeException e) {
                Diagnostics diagnostics = new Diagnostics();
                diagnostics.report(
                        Position.startOf(name),
                        DiagnosticCode.UNREADABLE_FILE,
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

        private void tooLarge(String name, Optional<Path> path, long size) {
            Diagnostics diagnostics = new Diagnostics();
            diagnostics.report(
                    Position.startOf(name),
                    DiagnosticCode.FILE_TOO_LARGE,
                    name + " is "
                            + TextSizes.describeOversize(size, MAX_FILE_BYTES) + "; a pipeline file is at most "
                            + TextSizes.describeSize(MAX_FILE_BYTES)
                            + ", and this one was not read",
                    "split it: every *.yaml file of the config directory is loaded, or include: parts of it "
                            + "from files beside it; keep large data in files that tasks read, not in the pipeline");
            files.add(new LoadedFile(name, path, List.of(), diagnostics.toList()));
        }

        void bind(String name, Optional<Path> path, String text, Path includeBase) {
            long size = TextSizes.utf8Length(text, MAX_FILE_BYTES);
            if (size > MAX_FILE_BYTES) {
                tooLarge(name, path, TextSizes.utf8Length(text)); // counted whole for the message
                return;
            }
            Diagnostics diagnostics = new Diagnostics();
            BindContext context = new BindContext(name, diagnostics, env, secrets);
            List<Pipeline> pipelines = new ArrayList<>();
            List<PoolDeclaration> pools = new ArrayList<>();
            int index = files.size();
            files.add(null); // keeps this file ahead of the files it includes
            Optional<Node> root = YamlComposer.compose(name, text, diagnostics);
            if (root.isPresent()) {
                bindRoot(root.get(), context, includeBase, pipelines, pools);
            } else if (!diagnostics.hasErrors()) {
                diagnostics.report(
                        Position.startOf(name),
                        DiagnosticCode.NO_PIPELINES,
                        name + " is empty",
                        "add a 'pipelines:' list, or delete the file");
            }
            files.set(index, new LoadedFile(name, path, pipelines, pools, diagnostics.toList()));
        }

        private void bindRoot(
                Node root,
                BindContext context,
                Path includeBase,
                List<Pipeline> pipelines,
                List<PoolDeclaration> pools) {
            if (!(root instanceof MappingNode mapping)) {
                context.report(
                        root,
                        DiagnosticCode.WRONG_TYPE,
                        "the file holds " + YamlValues.describe(root) + ", expected a mapping with a 'pipelines:' list",
                        "start the file with 'pipelines:'");
                return;
            }
            MappingReader file = new MappingReader(
                    context, new PositionRecorder(context.file()), mapping, "", "the file", FormatKeys.FILE);
            includes(file, context, includeBase);
            pools.addAll(PoolReader.declarations(file, context));
            if (!file.has("pipelines")) {
                if (!file.has("include") && !file.has("pools")) { // a file may hold only the shared pools
                    context.diagnostics()
                            .report(
                                    file.position(),
                                    DiagnosticCode.NO_PIPELINES,
                                    context.file() + " defines no pipelines",
                                    "add a 'pipelines:' list");
                }
                return;
            }
            List<Node> items = file.sequence("pipelines");
            if (items.isEmpty()
                    && file.node("pipelines")
                            .map(SequenceNode.class::isInstance)
                            .orElse(false)) {
                context.diagnostics()
                        .report(
                                file.node("pipelines").map(context::at).orElse(file.position()),
                                DiagnosticCode.NO_PIPELINES,
                                context.file() + " has an empty 'pipelines:' list",
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
                    context.diagnostics()
                            .report(
                                    at,
                                    DiagnosticCode.INCLUDE_OUTSIDE,
                                    "included file '" + target + "' is outside the config directory "
                                            + scope.directory(),
                                    "include files inside the config directory, by a path relative to the including "
                                            + "file such as 'parts/common.yaml'; move or copy the file there (a symbolic "
                                            + "link that leads out does not count)");
                } else if (including.contains(resolved)) {
                    context.diagnostics()
                            .report(
                                    at,
                                    DiagnosticCode.INCLUDE_CYCLE,
                                    including.peek().equals(resolved)
                                            ? context.file() + " includes itself through '" + target + "'"
                                            : "including '" + target + "' from " + context.file()
                                                    + " makes the files include each other",
                                    "remove one of the include: entries of the cycle");
                } else if (Files.isDirectory(resolved)) {
                    context.diagnostics()
                            .report(
                                    at,
                                    DiagnosticCode.INCLUDE_NOT_FOUND,
                                    "included path '" + target + "' is a directory (" + resolved + "), not a file",
                                    "include one .yaml file per entry");
                } else if (!Files.isRegularFile(resolved)) {
                    context.diagnostics()
                            .report(
                                    at,
                                    DiagnosticCode.INCLUDE_NOT_FOUND,
                                    "included file '" + target + "' does not exist (looked for " + resolved + ")",
                                    "include paths are relative to the file that includes them");
                } else {
                    readFile(resolved, displayName(context.file(), target));
                }
            }
        }

        /** Masked here, not where reported: a value is secret in every file once any file read it from the environment. */
        LoadResult result() {
            SecretMasker masker = SecretMasker.of(secrets);
            return new LoadResult(
                    files.stream().map(file -> file.masked(masker)).toList(), masker);
        }
    }

    private static String displayName(String includingFile, String target) {
        Path parent = Path.of(includingFile).getParent();
        return (parent == null ? Path.of(target) : parent.resolve(target))
                .normalize()
                .toString();
    }
}
