package dev.orchestrator.agent.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The class files of single-file plugins, compiled once and kept between processes, so that neither an agent
 * start nor a CLI command pays for the compiler again while the source is unchanged.
 *
 * <p>An entry is a directory named by the SHA-256 of the source's name and bytes, the Java runtime's version
 * and the orchestrator's build (its version, and the size and time of the jar it runs from, so a rebuilt
 * SNAPSHOT does not reuse classes compiled against an older API). It holds the class files and, written last,
 * {@code classes.list}: each class's binary name and the SHA-256 of its bytes. An entry is built in a
 * temporary directory beside the others and moved into place in one atomic rename, so a process that finds an
 * entry finds it whole; an entry whose files do not match its list (a disk filled up, a hand edit) is dropped
 * and the plugin compiled again. Entries unused for {@link #UNUSED_FOR} are removed, and beyond the
 * {@link #KEPT} most recently used.
 *
 * <p>Thread safety: stateless besides its directory; several threads and processes may use one directory at
 * once.
 */
final class CompiledPluginCache {

    static final Duration UNUSED_FOR = Duration.ofDays(30);
    static final int KEPT = 64;

    private static final Logger LOG = LoggerFactory.getLogger(CompiledPluginCache.class);
    private static final String LIST = "classes.list";
    private static final String TEMPORARY_PREFIX = ".tmp-";
    private static final Duration TEMPORARY_ABANDONED_AFTER = Duration.ofHours(1);

    private final Path directory;
    private final String build;

    /**
     * @param directory where the entries live, created when the first is written
     * @param build     what besides the source decides the class files: the orchestrator's version and jar
     */
    CompiledPluginCache(Path directory, String build) {
        this.directory = directory;
        this.build = build;
    }

    /** The orchestrator's build as a cache key part: its version, and the jar (or classes) it was loaded from. */
    static String build(String version) {
        StringBuilder build = new StringBuilder(version);
        try {
            Path code = Path.of(CompiledPluginCache.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            build.append('|')
                    .append(code)
                    .append('|')
                    .append(Files.size(code))
                    .append('|')
                    .append(Files.getLastModifiedTime(code).toMillis());
        } catch (Exception e) {
            // no code source on this runtime (a custom image): the version alone keys the entries
            build.append("|unknown-location");
        }
        return build.toString();
    }

    /** The key of this source's entry. */
    String key(Path source, byte[] content) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(source.getFileName().toString().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(content);
            digest.update((byte) 0);
            digest.update(Runtime.version().toString().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(build.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The class files of this key, by binary name in compile order; empty when absent or not whole. */
    Optional<Map<String, byte[]>> read(String key) {
        Path entry = directory.resolve(key);
        Path list = entry.resolve(LIST);
        if (!Files.isRegularFile(list)) {
            // entries come into place whole, by one rename: a directory without its list was damaged since
            return Files.exists(entry) ? dropCorrupt(entry, LIST + " is missing") : Optional.empty();
        }
        try {
            Map<String, byte[]> classes = new LinkedHashMap<>();
            for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                String[] parts = line.split(" ", 2);
                if (parts.length != 2) {
                    return dropCorrupt(entry, "a line of " + LIST + " is not 'sha256 name'");
                }
                Path file = entry.resolve(parts[1] + ".class");
                if (!Files.isRegularFile(file)) {
                    return dropCorrupt(entry, "class file " + file.getFileName() + " is missing");
                }
                byte[] bytes = Files.readAllBytes(file);
                if (!sha256(bytes).equals(parts[0])) {
                    return dropCorrupt(entry, "class file " + file.getFileName() + " does not match its hash");
                }
                classes.put(parts[1], bytes);
            }
            if (classes.isEmpty()) {
                return dropCorrupt(entry, LIST + " names no class");
            }
            markUsed(list);
            return Optional.of(classes);
        } catch (IOException e) {
            return dropCorrupt(entry, e.toString());
        }
    }

    /** The list's time is the entry's last use, which pruning goes by; a read-only cache is still used. */
    private static void markUsed(Path list) {
        try {
            Files.setLastModifiedTime(list, FileTime.from(Instant.now()));
        } catch (IOException e) {
            LOG.debug("cannot mark {} as used: {}", list, e.toString());
        }
    }

    /** An entry that could not be used: dropped, so the plugin is compiled again and written anew. */
    Optional<Map<String, byte[]>> dropCorrupt(String key, String why) {
        return dropCorrupt(directory.resolve(key), why);
    }

    private Optional<Map<String, byte[]>> dropCorrupt(Path entry, String why) {
        LOG.warn("compiled plugin cache entry {} is not usable ({}); compiling the plugin again", entry, why);
        try {
            // renamed first, so no other process reads it half deleted
            Path doomed =
                    directory.resolve(TEMPORARY_PREFIX + "corrupt-" + entry.getFileName() + "-" + System.nanoTime());
            Files.move(entry, doomed, StandardCopyOption.ATOMIC_MOVE);
            deleteTree(doomed);
        } catch (IOException e) {
            LOG.warn("cannot remove the unusable cache entry {}: {}", entry, e.toString());
        }
        return Optional.empty();
    }

    /**
     * Keeps these class files under this key. Never throws: a cache that cannot be written (a read-only home, a
     * full disk) only means the next process compiles again.
     */
    void write(String key, Map<String, byte[]> classes) {
        Path temporary = null;
        try {
            Files.createDirectories(directory);
            temporary = Files.createTempDirectory(directory, TEMPORARY_PREFIX);
            StringBuilder list = new StringBuilder();
            for (Map.Entry<String, byte[]> type : classes.entrySet()) {
                Files.write(temporary.resolve(type.getKey() + ".class"), type.getValue());
                list.append(sha256(type.getValue()))
                        .append(' ')
                        .append(type.getKey())
                        .append('\n');
            }
            Files.writeString(temporary.resolve(LIST), list, StandardCharsets.UTF_8);
            Path entry = directory.resolve(key);
            try {
                Files.move(temporary, entry, StandardCopyOption.ATOMIC_MOVE);
                temporary = null;
            } catch (AtomicMoveNotSupportedException e) {
                LOG.warn(
                        "the plugin cache {} cannot rename atomically; plugins are compiled at every start", directory);
            } catch (IOException e) {
                if (!Files.isRegularFile(entry.resolve(LIST))) {
                    throw e;
                }
                // another process wrote the same entry first (the rename fails as "directory not empty" on
                // Linux, "access denied" on Windows): its files are the same as ours
            }
            prune();
        } catch (IOException | UncheckedIOException e) {
            LOG.warn(
                    "cannot keep the compiled plugin in {}: {}; it is compiled again next time",
                    directory,
                    e.toString());
        } finally {
            if (temporary != null) {
                deleteQuietly(temporary);
            }
        }
    }

    /** Removes entries unused for {@link #UNUSED_FOR} and beyond the {@link #KEPT} last used, and abandoned temps. */
    void prune() throws IOException {
        Instant now = Instant.now();
        List<Path> entries = new ArrayList<>();
        try (Stream<Path> children = Files.list(directory)) {
            for (Path child : children.toList()) {
                String name = child.getFileName().toString();
                if (name.startsWith(TEMPORARY_PREFIX)) {
                    if (lastUse(child).isBefore(now.minus(TEMPORARY_ABANDONED_AFTER))) {
                        deleteQuietly(child);
                    }
                } else if (Files.isDirectory(child)) {
                    entries.add(child);
                }
            }
        }
        entries.sort(Comparator.comparing(CompiledPluginCache::lastUse).reversed());
        for (int index = 0; index < entries.size(); index++) {
            Path entry = entries.get(index);
            if (index >= KEPT || lastUse(entry).isBefore(now.minus(UNUSED_FOR))) {
                deleteQuietly(entry);
            }
        }
    }

    private static Instant lastUse(Path entry) {
        try {
            Path list = entry.resolve(LIST);
            return Files.getLastModifiedTime(Files.exists(list) ? list : entry).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }

    private static void deleteQuietly(Path tree) {
        try {
            deleteTree(tree);
        } catch (IOException e) {
            LOG.debug("cannot delete {} from the plugin cache: {}", tree, e.toString());
        }
    }

    private static void deleteTree(Path tree) throws IOException {
        if (!Files.exists(tree)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(tree)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
