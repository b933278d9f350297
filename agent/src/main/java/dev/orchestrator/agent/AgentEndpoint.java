package dev.orchestrator.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.agent.file.OwnerOnlyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running agent's address, published in its home ({@code agent.json}) for the CLI and the console, and
 * removed when the agent stops. A file left behind by a killed agent is harmless: its readers find nobody
 * answering at that address and say so.
 */
public final class AgentEndpoint implements AutoCloseable {

    private final Path file;

    private AgentEndpoint(Path file) {
        this.file = file;
    }

    static AgentEndpoint publish(AgentHome home, ObjectMapper json, String url, Instant startedAt) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("url", url);
        content.put("pid", ProcessHandle.current().pid());
        content.put("started_at", startedAt.toString());
        Path file = home.endpointFile();
        try {
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            OwnerOnlyFiles.write(
                    temporary, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(content));
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return new AgentEndpoint(file);
    }

    /** The URL written by the agent of this home, if one is (or was) running. */
    public static java.util.Optional<String> read(AgentHome home, ObjectMapper json) {
        Path file = home.endpointFile();
        if (!Files.isRegularFile(file)) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.ofNullable(
                    json.readTree(file.toFile()).path("url").textValue());
        } catch (IOException e) {
            return java.util.Optional.empty(); // half-written by a killed agent: as good as absent
        }
    }

    /** Who is running on this home, as its {@code agent.json} says: pid, API address, start time. */
    static String describe(AgentHome home, ObjectMapper json) {
        Path file = home.endpointFile();
        try {
            com.fasterxml.jackson.databind.JsonNode content = json.readTree(file.toFile());
            return "pid " + content.path("pid").asText("?") + ", API at "
                    + content.path("url").asText("?") + ", started at "
                    + content.path("started_at").asText("?");
        } catch (IOException e) {
            return "it has not written " + file + " yet, or it is starting; look for it with ps";
        }
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the logger is looked up here, not held in a field: the CLI's remote commands read this class's
            // file, and starting the logging for them alone is a tenth of their start-up
            Logger log = LoggerFactory.getLogger(AgentEndpoint.class);
            log.warn("cannot remove {}: {}", file, e.toString());
        }
    }
}
