package dev.orchestrator.agent.store.jdbi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * An embedded database with the whole schema already in it, made by the build ({@link #main}) and shipped in the
 * jar, copied into a new home instead of creating the schema there (issue 23). Creating it with Flyway took about
 * half a second of a fresh home's start, and Flyway's classes and compiled code stayed in the agent's memory
 * (about 5 MB); a copy takes milliseconds.
 * <p>
 * The copy is the same file Flyway's migrations make: the build runs them, then removes the one row that must
 * differ between homes (the history's id, which {@link Database#embedded} gives each database it opens without
 * one). A home made from an older template, or a build without one, still gets its schema from Flyway: the
 * migrations it lacks run when the database opens.
 */
final class SchemaTemplate {

    /** Where the build puts the template, on the class path. */
    static final String RESOURCE = "/db/orchestrator-template.mv.db";

    private SchemaTemplate() {}

    /**
     * Copies the template to {@code databaseFile} when there is no such file yet and the template is on the class
     * path. The copy is written beside it under another name and then renamed, so a process killed meanwhile
     * leaves either no database or the whole copy.
     *
     * @return whether it copied
     */
    static boolean seed(Path databaseFile) {
        if (Files.exists(databaseFile)) {
            return false;
        }
        try (InputStream template = SchemaTemplate.class.getResourceAsStream(RESOURCE)) {
            if (template == null) {
                return false;
            }
            Path directory = databaseFile.toAbsolutePath().getParent();
            Files.createDirectories(directory);
            Path partial =
                    Files.createTempFile(directory, databaseFile.getFileName().toString(), ".partial");
            try {
                Files.copy(template, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, databaseFile, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the database " + databaseFile + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the template: a new embedded database brought up to date by the migrations, without its history id.
     * The build runs this ({@code agent/pom.xml}, before the classes are packaged).
     */
    static void write(Path target) throws IOException, SQLException {
        Path directory = Files.createTempDirectory("orchestrator-schema-template");
        try {
            // open, not embedded: the template must come from the migrations, never from an earlier template
            String url = Database.embeddedUrl(directory);
            try (Database database = Database.open(url, "sa", "")) {
                database.jdbi().useHandle(handle -> handle.execute("DELETE FROM history_identity"));
            }
            // closes the database before this returns, its file written whole and compacted: closing the pool
            // alone let H2 finish in the background, and a copy taken meanwhile ended in a chunk that a home made
            // from it later lost its own writes to (seen in a fresh-clone build)
            try (Connection connection = DriverManager.getConnection(url, "sa", "");
                    Statement shutdown = connection.createStatement()) {
                shutdown.execute("SHUTDOWN COMPACT");
            }
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.copy(
                    directory.resolve(Database.EMBEDDED_NAME + ".mv.db"), target, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /** {@code SchemaTemplate FILE}: writes the template to FILE. */
    public static void main(String[] args) throws IOException, SQLException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: SchemaTemplate TEMPLATE_FILE");
        }
        write(Path.of(args[0]));
    }
}
