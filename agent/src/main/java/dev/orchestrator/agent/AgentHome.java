package dev.orchestrator.agent;

import dev.orchestrator.agent.file.OwnerOnlyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The agent's own directory ({@code ~/.orchestrator} unless told otherwise): its database, spilled outputs,
 * scratch space, logs, and the API token, readable by its owner only: the home is {@code rwx------} and what
 * the agent writes in it {@code rw-------}, whatever the umask (on file systems with POSIX permissions).
 */
public final class AgentHome {

    public static final String HOME_VARIABLE = "ORCHESTRATOR_HOME";

    private final Path root;

    private AgentHome(Path root) {
        this.root = root;
    }

    /** {@code ORCHESTRATOR_HOME}, else {@code ~/.orchestrator}. */
    public static Path defaultLocation() {
        return Optional.ofNullable(System.getenv(HOME_VARIABLE))
                .filter(value -> !value.isBlank())
                .map(Path::of)
                .orElse(Path.of(System.getProperty("user.home"), ".orchestrator"));
    }

    /**
     * The home at {@code root} as it is, creating nothing: for readers such as the CLI's remote commands, which
     * must not leave an empty home behind on a machine where no agent ever ran.
     */
    public static AgentHome locate(Path root) {
        return new AgentHome(root.toAbsolutePath().normalize());
    }

    /** Creates what is missing, for its owner only; what exists is left as it is (see {@link #tighten()}). */
    public static AgentHome open(Path root) {
        AgentHome home = locate(root);
        try {
            Path parent = home.root.getParent();
            if (parent != null) {
                Files.createDirectories(parent); // outside the home: the usual mode
            }
            OwnerOnlyFiles.createDirectories(home.root);
            for (Path directory : new Path[] {home.database(), home.outputs(), home.scratch(), home.logs()}) {
                OwnerOnlyFiles.createDirectories(directory);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot create the agent home " + root + ": " + e.getMessage()
                            + "; pass --home with a writable directory",
                    e);
        }
        return home;
    }

    /**
     * Takes the group's and others' permissions away from the home and everything in it: a home made by an
     * earlier version, or files that the database and the log library created with the umask's mode.
     *
     * @return what group or others could use until now, and what could not be changed
     */
    public OwnerOnlyFiles.Tightening tighten() {
        try {
            return OwnerOnlyFiles.tighten(root);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot make the agent home " + root + " readable by its owner only: " + e.getMessage()
                            + "; check that the agent's user owns it and everything in it",
                    e);
        }
    }

    public Path root() {
        return root;
    }

    public Path database() {
        return root.resolve("db");
    }

    public Path outputs() {
        return root.resolve("outputs");
    }

    public Path scratch() {
        return root.resolve("scratch");
    }

    public Path logs() {
        return root.resolve("logs");
    }

    /** The class files of single-file plugins, compiled once and kept while their source is unchanged. */
    public Path pluginCache() {
        return root.resolve("cache").resolve("plugins");
    }

    public Path tokenFile() {
        return root.resolve("token");
    }

    /**
     * Where the running agent says how to reach it ({@code agent.json}: url, pid, started_at), so the CLI's
     * remote commands and the console find the local agent without being told its port.
     */
    public Path endpointFile() {
        return root.resolve("agent.json");
    }

    /** Locked by the agent that uses the home, which it names (see {@link HomeLock}). */
    public Path lockFile() {
        return root.resolve("agent.lock");
    }

    /**
     * Replaces the API token with a new one, in one step (the file is never absent or half-written): a running
     * agent of this home accepts the new token, and only it, from its next request on.
     */
    public String rotateToken() {
        try {
            return writeNewToken(tokenFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace the API token " + tokenFile(), e);
        }
    }

    /** The API token as the token file holds it at each call: a rotation takes effect at once. */
    public java.util.function.Supplier<String> liveToken() {
        return new TokenFile(tokenFile(), token());
    }

    /** The API token, created at first start with file mode 0600. */
    public String token() {
        Path file = tokenFile();
        try {
            Optional<String> existing = readToken(file);
            return existing.isPresent() ? existing.get() : writeNewToken(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the API token " + file, e);
        }
    }

    /** The token in {@code file}; empty when it is missing, empty or truncated (never accept a guessable one). */
    static Optional<String> readToken(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String existing = Files.readString(file, StandardCharsets.UTF_8).strip();
        // empty or truncated (a start killed while writing it)
        return existing.length() >= 32 ? Optional.of(existing) : Optional.empty();
    }

    private static String writeNewToken(Path file) throws IOException {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        // written beside, then moved into place: the token file is whole or absent, never half-written
        Path temporary = file.resolveSibling("token.tmp");
        Files.deleteIfExists(temporary);
        OwnerOnlyFiles.write(temporary, token.getBytes(StandardCharsets.UTF_8));
        Files.move(
                temporary,
                file,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return token;
    }
}
