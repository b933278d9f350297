package dev.orchestrator.installer;

import dev.orchestrator.testsupport.AgentOverHttp;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** {@code orchestrator run} from the packaged launcher, talked to over its real HTTP API. */
final class PackagedAgent extends AgentOverHttp {

    private PackagedAgent(Process process, int port, Path home, Path output) {
        super("the packaged agent", process, port, home, output, Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    static PackagedAgent start(PackagedImage image, Path config, Path home, int graceSeconds, Path output)
            throws IOException, InterruptedException {
        int port = freePort();
        Process process = image.start(
                "orchestrator",
                List.of(
                        "run",
                        "--config",
                        config.toString(),
                        "--home",
                        home.toString(),
                        "--port",
                        Integer.toString(port),
                        "--grace-seconds",
                        Integer.toString(graceSeconds)),
                Map.of(),
                output);
        PackagedAgent agent = new PackagedAgent(process, port, home, output);
        agent.awaitHealthy(Duration.ofSeconds(60));
        return agent;
    }
}
