package dev.orchestrator.agent.store;

import dev.orchestrator.agent.store.jdbi.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A database of one kind for one test, which can be opened (and opened again, to see what survived). The
 * {@link Database}s opened are closed with it.
 */
public final class TestDatabase implements AutoCloseable {

    /** The databases the agent's store runs on. */
    public enum Kind {
        /** The embedded H2 database, in a file, as an agent on its own uses it. */
        H2,
        /** PostgreSQL, as agents of a cluster share it. */
        POSTGRESQL
    }

    private final Kind kind;
    private final Path directory;
    private final String url;
    private final List<Database> opened = new ArrayList<>();

    private TestDatabase(Kind kind, Path directory, String url) {
        this.kind = kind;
        this.directory = directory;
        this.url = url;
    }

    /** A fresh database of that kind, with no data in it. */
    public static TestDatabase create(Kind kind) {
        try {
            return switch (kind) {
                case H2 -> new TestDatabase(kind, Files.createTempDirectory("h2-store"), null);
                case POSTGRESQL -> new TestDatabase(kind, null, SharedPostgres.newDatabaseUrl());
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Kind kind() {
        return kind;
    }

    /** Opens it, migrations and all; closed with this. */
    public Database open() {
        Database database = kind == Kind.H2 ? Database.embedded(directory) : Database.open(url, null, null);
        opened.add(database);
        return database;
    }

    @Override
    public void close() {
        opened.forEach(Database::close);
        if (directory != null) {
            try (var files = Files.walk(directory)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public String toString() {
        return kind == Kind.H2 ? "H2" : "PostgreSQL";
    }
}
