package dev.orchestrator.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged console in a real X window (Xvfb), against a packaged agent that has run some pipelines: it opens,
 * finds the agent through its home, and shows the dashboard. The screenshot lands in
 * {@code docs/screenshots/packaged-console.png}.
 */
@EnabledOnOs(OS.LINUX)
class PackagedConsoleIT {

    private static final String PIPELINES = """
            pipelines:
              - id: daily_sales_report
                name: Daily sales report
                schedule: { type: cron, cron_expr: "0 6 * * *", timezone: Europe/Berlin }
                tasks:
                  - { id: extract_orders, connector: shell, action: run, action_kwargs: { command: sh, args: ["-c", "sleep 0.3"] } }
                  - { id: summarise, connector: shell, action: run, depends_on: [extract_orders], action_kwargs: { command: sh, args: ["-c", "sleep 0.2"] } }
                  - { id: write_report, connector: shell, action: run, depends_on: [summarise], action_kwargs: { command: "true" } }
              - id: inventory_sync
                name: Inventory sync
                schedule: { type: interval, interval_seconds: 900 }
                tasks:
                  - { id: fetch_stock, connector: shell, action: run, action_kwargs: { command: sh, args: ["-c", "sleep 0.2"] } }
                  - { id: upsert_stock, connector: shell, action: run, depends_on: [fetch_stock], action_kwargs: { command: "true" } }
              - id: crm_contacts_export
                name: CRM contacts export
                schedule: { type: cron, cron_expr: "30 7 * * 1-5", timezone: Europe/Berlin }
                tasks:
                  - { id: query_contacts, connector: shell, action: run, action_kwargs: { command: "true" } }
                  - { id: upload_sftp, connector: shell, action: run, depends_on: [query_contacts], retry: { times: 0 }, action_kwargs: { command: sh, args: ["-c", "echo 'connection refused: sftp.partner.example:22' >&2; exit 2"] } }
            """;
    private static final String WINDOW_TITLE = "Orchestrator console";

    private final PackagedImage image = PackagedImage.built();
    private Process console;

    @TempDir
    Path directory;

    @AfterEach
    void closeConsole() throws InterruptedException {
        if (console != null && console.isAlive()) {
            console.destroyForcibly();
            console.waitFor();
        }
    }

    @Test
    void startsUnderXAndShowsTheDashboardOfTheLocalAgent() throws Exception {
        Path config = Files.createDirectory(directory.resolve("pipelines"));
        Files.writeString(config.resolve("pipelines.yaml"), PIPELINES);
        Path agentHome = directory.resolve("agent-home");
        try (PackagedAgent agent = PackagedAgent.start(image, config, agentHome, 2, directory.resolve("agent.txt"));
                VirtualDisplay display = VirtualDisplay.start(1280, 800)) {
            for (String pipeline : List.of(
                    "daily_sales_report",
                    "inventory_sync",
                    "daily_sales_report",
                    "crm_contacts_export",
                    "inventory_sync",
                    "daily_sales_report")) {
                String runId =
                        agent.post("/trigger/" + pipeline, "{}").get("run_id").asText();
                assertThat(agent.awaitEnd(runId, Duration.ofSeconds(30))).isIn("success", "failed");
            }

            Path consoleOutput = directory.resolve("console.txt");
            console = image.start(
                    "orchestrator-console",
                    List.of(),
                    Map.of(
                            "DISPLAY", display.name(),
                            // the console finds the local agent through its home, and keeps its own files in user.home
                            "ORCHESTRATOR_HOME", agentHome.toString(),
                            "JAVA_TOOL_OPTIONS", "-Duser.home=" + Files.createDirectory(directory.resolve("user"))),
                    consoleOutput);

            awaitWindow(display, consoleOutput);
            // the dashboard fills in from the agent in the background: give it time, then look
            Thread.sleep(8_000);
            assertThat(console.isAlive()).as(Files.readString(consoleOutput)).isTrue();
            Path screenshot = PackagedImage.projectRoot().resolve("docs/screenshots/packaged-console.png");
            display.capture(screenshot);

            BufferedImage shot = ImageIO.read(screenshot.toFile());
            assertThat(shot.getWidth()).isEqualTo(1280);
            assertThat(distinctColours(shot))
                    .as("a drawn window, not an empty screen")
                    .isGreaterThan(100);
            assertThat(Files.readString(consoleOutput)).doesNotContain("Exception");
        }
    }

    private void awaitWindow(VirtualDisplay display, Path consoleOutput) throws Exception {
        try {
            await("the console's window")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        if (!console.isAlive()) {
                            throw new IllegalStateException("the console exited");
                        }
                        return display.showsWindow(WINDOW_TITLE);
                    });
        } catch (ConditionTimeoutException | IllegalStateException e) {
            throw new AssertionError("the console did not open its window:\n" + Files.readString(consoleOutput), e);
        }
    }

    private static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }
}
