package dev.orchestrator.yaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a {@code .env} file: {@code KEY=value} lines, {@code #} comments, an optional {@code export} prefix,
 * values optionally in single or double quotes. No interpolation and no multi-line values: the file holds
 * secrets, not scripts. (Twenty lines of parsing do not justify another dependency in the plugin SPI artifact.)
 */
public final class DotEnvFile {

    private DotEnvFile() {}

    /** The entries of {@code file}, or none when it does not exist. */
    public static Map<String, String> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The entries of {@code file} as it is at each call: read again when its size, modification time or inode
     * changed (one {@code stat} otherwise), so an agent sees a value added to its {@code .env} without a restart.
     * Thread-safe.
     */
    public static java.util.function.Supplier<Map<String, String>> watching(Path file) {
        return new java.util.function.Supplier<>() {
            // read by the threads that load pipelines; replaced by whichever sees the file changed
            private volatile Snapshot last = new Snapshot(null, Map.of());

            @Override
            public Map<String, String> get() {
                Snapshot seen = last;
                Object stamp = stamp(file);
                if (java.util.Objects.equals(stamp, seen.stamp())) {
                    return seen.entries();
                }
                Map<String, String> entries = Map.copyOf(read(file));
                last = new Snapshot(stamp, entries);
                return entries;
            }
        };
    }

    private record Snapshot(Object stamp, Map<String, String> entries) {}

    /** What tells one version of the file from another; "absent" when there is none. */
    private static Object stamp(Path file) {
        try {
            java.nio.file.attribute.BasicFileAttributes attributes =
                    Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
            return java.util.List.of(
                    String.valueOf(attributes.fileKey()), attributes.size(), attributes.lastModifiedTime());
        } catch (IOException e) {
            return "absent";
        }
    }

    static Map<String, String> parse(String text) {
        Map<String, String> entries = new LinkedHashMap<>();
        for (String rawLine : text.split("\\R")) {
            String line = rawLine.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).strip();
            }
            int equals = line.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            String key = line.substring(0, equals).strip();
            String value = line.substring(equals + 1).strip();
            if (value.length() >= 2
                    && ((value.startsWith("\"") && value.endsWith("\""))
                            || (value.startsWith("'") && value.endsWith("'")))) {
                value = value.substring(1, value.length() - 1);
            } else {
                int comment = value.indexOf(" #");
                if (comment >= 0) {
                    value = value.substring(0, comment).strip();
                }
            }
            entries.put(key, value);
        }
        return entries;
    }
}
