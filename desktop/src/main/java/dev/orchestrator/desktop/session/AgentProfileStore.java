package dev.orchestrator.desktop.session;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.orchestrator.desktop.client.AgentProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

/**
 * The agents the console knows, with their tokens, in {@code agents.json} in the user's config directory:
 * readable by the user only (0600), written whole to a file beside and then moved into place, so a crash never
 * leaves half a file.
 */
public final class AgentProfileStore {

    private final Path file;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public AgentProfileStore(Path file) {
        this.file = file;
    }

    /** {@code $XDG_CONFIG_HOME/orchestrator-console}, {@code %APPDATA%\Orchestrator}, or the macOS equivalent. */
    public static Path defaultDirectory() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        Path home = Path.of(System.getProperty("user.home"));
        if (os.contains("win")) {
            return Optional.ofNullable(System.getenv("APPDATA"))
                    .map(Path::of)
                    .orElse(home)
                    .resolve("Orchestrator");
        }
        if (os.contains("mac")) {
            return home.resolve("Library").resolve("Application Support").resolve("Orchestrator");
        }
        return Optional.ofNullable(System.getenv("XDG_CONFIG_HOME"))
                .filter(value -> !value.isBlank())
                .map(Path::of)
                .orElse(home.resolve(".config"))
                .resolve("orchestrator-console");
    }

    public Path file() {
        return file;
    }

    public List<AgentProfile> load() {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return List.copyOf(json.readValue(file.toFile(), new TypeReference<List<AgentProfile>>() {}));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read the console's agents from " + file + " (" + e.getMessage()
                            + "); fix or delete the file",
                    e);
        }
    }

    public void save(List<AgentProfile> profiles) {
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(temporary);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(
                        temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(temporary);
            }
            json.writeValue(temporary.toFile(), profiles);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the console's agents to " + file + ": " + e.getMessage(), e);
        }
    }
}
