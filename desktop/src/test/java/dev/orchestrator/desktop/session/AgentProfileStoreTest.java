package dev.orchestrator.desktop.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.desktop.client.AgentProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class AgentProfileStoreTest {

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void keepsAgentsAndTokensInAFileOnlyTheUserCanRead(@TempDir Path directory) throws Exception {
        AgentProfileStore store =
                new AgentProfileStore(directory.resolve("console").resolve("agents.json"));
        assertThat(store.load()).isEmpty();

        store.save(List.of(new AgentProfile("prod", "https://prod:8765/", "secret-token")));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())))
                .isEqualTo("rw-------");
        assertThat(store.load()).containsExactly(new AgentProfile("prod", "https://prod:8765", "secret-token"));
    }

    @Test
    void findsTheLocalAgentThroughItsHome(@TempDir Path home) throws Exception {
        LocalAgent local = new LocalAgent(home);
        assertThat(local.find()).isEmpty();
        Files.writeString(home.resolve("token"), "t".repeat(40) + "\n");
        assertThat(local.find()).contains(new AgentProfile("local", "http://127.0.0.1:8765", "t".repeat(40)));
        Files.writeString(home.resolve("agent.json"), "{\"url\": \"http://127.0.0.1:40123\", \"pid\": 7}");
        assertThat(local.find().orElseThrow().url()).isEqualTo("http://127.0.0.1:40123");
    }
}
