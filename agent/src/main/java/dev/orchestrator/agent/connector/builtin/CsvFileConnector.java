package dev.orchestrator.agent.connector.builtin;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.orchestrator.agent.connector.TaskPing;
import dev.orchestrator.connector.Connector;
import dev.orchestrator.connector.NonRetryableException;
import dev.orchestrator.connector.TaskContext;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes CSV files with a header row, inside {@code base_dir} (relative to the config directory).
 * A path may never leave {@code base_dir}. Thread-safe: every call opens its own file.
 */
@Connector(value = "csv_file", threadSafe = true)
public final class CsvFileConnector implements TaskPing {

    private final String baseDir;
    private final CsvMapper csv = new CsvMapper();

    public CsvFileConnector(Map<String, Object> config) {
        Object configured = config.get("base_dir");
        this.baseDir = configured == null ? "." : configured.toString();
    }

    /** Every row as a map from header to value. */
    public List<Map<String, String>> fetch(String path, String encoding, String delimiter, TaskContext context)
            throws IOException {
        Path file = resolve(path, context);
        if (!Files.isRegularFile(file)) {
            throw new NonRetryableException("csv_file: no file " + path + " in " + base(context));
        }
        CsvSchema schema = CsvSchema.emptySchema().withHeader().withColumnSeparator(separator(delimiter));
        try (Reader reader = Files.newBufferedReader(file, charset(encoding));
                MappingIterator<Map<String, String>> rows =
                        csv.readerForMapOf(String.class).with(schema).readValues(reader)) {
            List<Map<String, String>> result = new ArrayList<>();
            while (rows.hasNextValue()) {
                result.add(rows.nextValue());
            }
            context.log().info("read " + result.size() + " rows from " + path);
            return result;
        }
    }

    /**
     * Writes {@code data} (rows as maps) with a header of every key met, in order of appearance.
     *
     * @param mode {@code overwrite} (default) or {@code append}; appending to a non-empty file adds no header
     */
    public Map<String, Object> push(
            List<Map<String, Object>> data, String path, String mode, String encoding, TaskContext context)
            throws IOException {
        Path file = resolve(path, context);
        boolean append = "append".equals(mode);
        if (mode != null && !append && !"overwrite".equals(mode)) {
            throw new NonRetryableException("csv_file.push: mode '" + mode + "' is not overwrite or append");
        }
        List<Map<String, Object>> rows = data == null ? List.of() : data;
        Set<String> columns = new LinkedHashSet<>();
        rows.forEach(row -> columns.addAll(row.keySet()));
        boolean header = !append || !Files.exists(file) || Files.size(file) == 0;
        CsvSchema.Builder schema = CsvSchema.builder();
        columns.forEach(schema::addColumn);
        Files.createDirectories(file.getParent());
        try (Writer writer = Files.newBufferedWriter(
                        file,
                        charset(encoding),
                        StandardOpenOption.CREATE,
                        append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE);
                SequenceWriter out =
                        csv.writer(schema.build().withUseHeader(header)).writeValues(writer)) {
            for (Map<String, Object> row : rows) {
                Map<String, Object> complete = new LinkedHashMap<>();
                columns.forEach(column -> complete.put(column, row.get(column)));
                out.write(complete);
            }
        }
        context.log().info((append ? "appended " : "wrote ") + rows.size() + " rows to " + path);
        return Map.of("path", path, "rows", rows.size());
    }

    /** True when the file exists: the natural action for a sensor. */
    public boolean exists(String path, TaskContext context) {
        return Files.isRegularFile(resolve(path, context));
    }

    /** Reachable when {@code base_dir} is a directory this agent may read and write. */
    @Override
    public TaskPing.Result ping(Path configDirectory, Map<String, Object> actionKwargs) {
        Path base = configDirectory.resolve(baseDir).toAbsolutePath().normalize();
        if (!Files.isDirectory(base)) {
            return TaskPing.Result.unreachable(
                    "base_dir " + base + (Files.exists(base) ? " is not a directory" : " does not exist"));
        }
        if (!Files.isReadable(base) || !Files.isWritable(base)) {
            return TaskPing.Result.unreachable("base_dir " + base + " is not "
                    + (Files.isReadable(base) ? "writable" : "readable") + " by this user");
        }
        return TaskPing.Result.reachable("base_dir " + base + " is readable and writable");
    }

    private Path base(TaskContext context) {
        return context.configDirectory().resolve(baseDir).toAbsolutePath().normalize();
    }

    private Path resolve(String path, TaskContext context) {
        if (path == null || path.isBlank()) {
            throw new NonRetryableException("csv_file needs a 'path' in action_kwargs");
        }
        Path base = base(context);
        Path relative = Path.of(path);
        Path resolved = base.resolve(relative).normalize();
        if (relative.isAbsolute()
                || relative.getRoot() != null
                || !resolved.startsWith(base)
                || !realPathInside(resolved, base)) {
            throw new NonRetryableException("csv_file: path '" + path + "' leaves base_dir " + base
                    + "; use a path inside it, such as 'reports/out.csv'");
        }
        return resolved;
    }

    /** Symbolic links count: the real location of the path (or of its deepest existing parent) must be inside. */
    private static boolean realPathInside(Path resolved, Path base) {
        try {
            if (!java.nio.file.Files.exists(base)) {
                return true; // nothing exists yet, so nothing can link out
            }
            Path realBase = base.toRealPath();
            Path existing = resolved;
            while (existing != null && !java.nio.file.Files.exists(existing, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                existing = existing.getParent();
            }
            return existing == null || existing.toRealPath().startsWith(realBase);
        } catch (IOException e) {
            return false;
        }
    }

    private static char separator(String delimiter) {
        if (delimiter == null || delimiter.isEmpty()) {
            return ',';
        }
        if (delimiter.length() != 1 && !"\\t".equals(delimiter)) {
            throw new NonRetryableException("csv_file: delimiter must be one character, got '" + delimiter + "'");
        }
        return "\\t".equals(delimiter) ? '\t' : delimiter.charAt(0);
    }

    private static Charset charset(String encoding) {
        try {
            return encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
        } catch (IllegalArgumentException e) {
            throw new NonRetryableException("csv_file: unknown encoding '" + encoding + "'");
        }
    }
}
