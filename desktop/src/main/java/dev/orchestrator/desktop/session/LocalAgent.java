package dev.orchestrator.desktop.session;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.desktop.client.AgentProfile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The agent of this machine, found through its home ({@code $ORCHESTRATOR_HOME} or {@code ~/.orchestrator}):
 * the address it published in {@code agent.json} while it runs, and its token.
 */
public final class LocalAgent {

    public static final String NAME = "local";

    private final Path home;

    public LocalAgent(Path home) {
        this.home = home;
    }

    public static Path defaultHome() {
        return Optional.ofNullable(System.getenv("ORCHESTRATOR_HOME"))
                .filter(value -> !value.isBlank())
                .map(Path::of)
                .orElse(Path.of(System.getProperty("user.home"), ".orchestrator"));
    }

    public Path home() {
        return home;
    }

    /** The local agent, when one runs or ran here (its token exists); its address is the default if unknown. */
    public Optional<AgentProfile> find() {
        Path tokenFile = home.resolve("token");
        if (!Files.isReadable(tokenFile)) {
            return Optional.empty();
        }
        try {
            String token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
            String url = "http://127.0.0.1:8765";
            Path endpoint = home.resolve("agent.json");
            if (Files.isReadable(endpoint)) {
                url = Optional.ofNullable(new ObjectMapper()
                                .readTree(endpoint.toFile())
                                .path("url")
                                .textValue())
                        .orElse(url);
            }
            return Optional.of(new AgentProfile(NAME, url, token));
        } catch (IOException e) {
            return Optional.empty(); // half-written by an agent killed while starting: as if absent
        }
    }
}
