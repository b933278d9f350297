package dev.orchestrator.yaml;

import dev.orchestrator.diagnostic.DiagnosticCode;
import dev.orchestrator.diagnostic.Diagnostics;
import dev.orchestrator.model.Pipeline;
import dev.orchestrator.model.Position;
import dev.orchestrator.secret.SecretMasker;
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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

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
            files = new ArrayList<>(entries.filter(PipelineLoader::isPipelineFile).toList());
        }
        for (Path file : replaced.keySet()) {
            boolean listed = files.stream().anyMatch(path -> path.toAbsolutePath().normalize().equals(file));
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
                diagnostics.report(Position.startOf(name), DiagnosticCode.INCLUDE_OUTSIDE, name + " is a symbolic "
                                + "link to a file outside the config directory " + scope.directory(),
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

        private void tooLarge(String name, Optional<Path> path, long size) {
            Diagnostics diagnostics = new Diagnostics();
            diagnostics.report(Position.startOf(name), DiagnosticCode.FILE_TOO_LARGE, name + " is "
                            + describeOversize(size) + "; a pipeline file is at most " + describeSize(MAX_FILE_BYTES)
                            + ", and this one was not read",
                    "split it: every *.yaml file of the config directory is loaded, or include: parts of it "
                            + "from files beside it; keep large data in files that tasks read, not in the pipeline");
            files.add(new LoadedFile(name, path, List.of(), diagnostics.toList()));
        }

        void bind(String name, Optional<Path> path, String text, Path includeBase) {
            long size = utf8Length(text, MAX_FILE_BYTES);
            if (size > MAX_FILE_BYTES) {
                tooLarge(name, path, utf8Length(text)); // counted whole for the message
                return;
            }
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

    /** The text's UTF-8 length. */
    private static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }

    /** The text's UTF-8 length, or a length over {@code limit} as soon as it passes it. */
    private static long utf8Length(String text, long limit) {
        if ((long) text.length() * 3 <= limit) {
            return text.length(); // short enough whatever its characters
        }
        long bytes = 0;
        for (int i = 0; i < text.length() && bytes <= limit; i++) {
            char c = text.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }

    /** A size over the file limit: in bytes when one decimal would round it to the limit itself. */
    private static String describeOversize(long bytes) {
        String shown = describeSize(bytes);
        boolean looksWithin = shown.equals(String.format(java.util.Locale.ROOT, "%.1f MB",
                MAX_FILE_BYTES / (1024.0 * 1024.0)));
        return looksWithin ? String.format(java.util.Locale.ROOT, "%,d bytes", bytes) : shown;
    }

    /** {@code 512 KB}, {@code 5 MB}, {@code 52.4 MB}. */
    static String describeSize(long bytes) {
        if (bytes < 1024 * 1024) {
            return (bytes + 1023) / 1024 + " KB";
        }
        double megabytes = bytes / (1024.0 * 1024.0);
        return megabytes == Math.rint(megabytes) ? (long) megabytes + " MB"
                : String.format(java.util.Locale.ROOT, "%.1f MB", megabytes);
    }

    /** The first line longer than {@link #MAX_LINE_CHARS}, reported before the scanner spends minutes on it. */
    private static boolean linesShortEnough(String name, String text, Diagnostics diagnostics) {
        int line = 1;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            boolean lineBreak = i == text.length() || text.charAt(i) == '\n'
                    || (text.charAt(i) == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'));
            if (lineBreak) {
                if (i - start > MAX_LINE_CHARS) {
                    diagnostics.report(new Position(name, line, 1), DiagnosticCode.VALUE_TOO_LONG, "line " + line
                                    + " is " + describeSize(i - start) + " long; a line is at most "
                                    + describeSize(MAX_LINE_CHARS) + ", and the file was not parsed",
                            "write long text over several lines as a block scalar ('key: |' and indented lines), "
                                    + "or keep large data in a file that a task reads");
                    return false;
                }
                line++;
                start = i + 1;
            }
        }
        return true;
    }

    private static Optional<Node> compose(String name, String text, Diagnostics diagnostics) {
        if (!linesShortEnough(name, text, diagnostics)) {
            return Optional.empty();
        }
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true); // reported with both positions by MappingReader instead
        options.setMaxAliasesForCollections(100);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(64);
        options.setCodePointLimit(MAX_FILE_BYTES + 1); // checked before; a code point is at least one byte
        try {
            Node root = new Yaml(options).compose(new StringReader(text));
            if (root != null && !new NodeBudget(name).check(root, diagnostics)) {
                return Optional.empty();
            }
            return Optional.ofNullable(root);
        } catch (MarkedYAMLException e) {
            Position at = syntaxErrorPosition(name, text, e);
            String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
            diagnostics.report(at, DiagnosticCode.YAML_SYNTAX, "YAML syntax: " + e.getProblem() + context,
                    "check the indentation and quoting around this line; values with ': ' or '#' need quotes");
        } catch (RuntimeException e) {
            // SnakeYAML's unmarked errors: alias and nesting limits, multiple documents, bad encoding
            String message = String.valueOf(e.getMessage());
            if (message.startsWith("Number of aliases")) {
                diagnostics.report(Position.startOf(name), DiagnosticCode.ALIAS_EXPANSION, "the file has more than "
                                + options.getMaxAliasesForCollections() + " aliases (*name) of lists and mappings",
                        "aliases repeat the anchored value in full each time: use fewer, or write the values out");
            } else {
                diagnostics.report(Position.startOf(name), DiagnosticCode.YAML_SYNTAX, "YAML syntax: " + message,
                        "a pipeline file is one YAML document of at most " + describeSize(MAX_FILE_BYTES)
                                + ", nested at most " + options.getNestingDepthLimit() + " levels deep");
            }
        }
        return Optional.empty();
    }
}
