package dev.orchestrator.desktop.console;

import static dev.orchestrator.desktop.console.ConsoleHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.desktop.client.AgentClient;
import dev.orchestrator.desktop.dashboard.PoolsModel;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The dashboard with its Pools panel and its Late tile (issue 21), light and dark, at 1280 × 800: the pool
 * {@code warehouse} full, held by two loads, with the scheduled morning report queued behind them, which has missed
 * its deadline because of it. Made alone with {@code ./mvnw -B -pl desktop -am verify -Pscreenshots
 * -Dtest=PoolsScreenshotTest -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=none
 * -Dfailsafe.failIfNoSpecifiedTests=false}, into {@code docs/screenshots/}. It waits for the next whole minute, when
 * the report fires.
 */
@Tag("screenshots")
@ExtendWith(ApplicationExtension.class)
class PoolsScreenshotTest {

    private static final String PIPELINES = """
            pools: { warehouse: 2, sftp: 1 }
            pipelines:
              - id: load_orders
                pool: warehouse
                tasks:
                  - { id: extract, connector: shell, action: run, action_kwargs: { command: "sleep 600" }, timeout_seconds: 900 }
              - id: load_invoices
                pool: warehouse
                tasks:
                  - { id: extract, connector: shell, action: run, action_kwargs: { command: "sleep 600" }, timeout_seconds: 900 }
              - id: partner_upload
                pool: sftp
                tasks:
                  - { id: upload, connector: shell, action: run, action_kwargs: { command: "sleep 600" }, timeout_seconds: 900 }
              - id: morning_report
                schedule: { type: cron, cron_expr: "* * * * *" }
                deadline: { finish_within_seconds: 5 }
                notify: { channels: [log] }
                pool: warehouse
                tasks:
                  - { id: build, connector: shell, action: run, action_kwargs: { command: "echo report" } }
            """;

    @RegisterExtension
    final ConsoleHarness harness = new ConsoleHarness(PIPELINES);

    @Start
    void start(Stage stage) throws Exception {
        harness.show(stage);
    }

    @Test
    void thePoolsPanelAndTheLateTileInLightAndDark(FxRobot robot) throws Exception {
        Path directory = Screenshots.directory();
        AgentClient client = harness.client();
        client.trigger("load_orders", Map.of());
        client.trigger("load_invoices", Map.of());
        client.trigger("partner_upload", Map.of());
        await(
                "the loads to hold the warehouse",
                () -> client.pools().stream().allMatch(pool -> pool.taken() == pool.size()));
        // the report fires at the next whole minute, queues behind the loads, and misses its deadline 5 s later
        OffsetDateTime since = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5);
        org.awaitility.Awaitility.await("the report's deadline missed")
                .atMost(java.time.Duration.ofMinutes(3))
                .pollInterval(java.time.Duration.ofMillis(500))
                .until(() -> !client.missedDeadlines(since, since.plusHours(1)).isEmpty());
        client.pause("morning_report");

        robot.clickOn("#nav-dashboard");
        robot.interact(() -> harness.workspace.sessions().forEach(session -> session.refresh()));
        TableView<?> pools = robot.lookup("#pools").queryTableView();
        await(
                "the panel to show the report waiting",
                () -> pools.getItems().stream()
                        .map(PoolsModel.Row.class::cast)
                        .anyMatch(row -> !row.pool().waiting().isEmpty()));
        Label late = robot.lookup("#late-today").queryAs(Label.class);
        await("the Late tile to count the miss", () -> !"0".equals(late.getText()) && !"—".equals(late.getText()));
        TableView<?> missed = robot.lookup("#missed-deadlines").queryTableView();
        await("the missed deadline listed", () -> !missed.getItems().isEmpty());

        save(directory.resolve("pools-late-light.png"));
        robot.clickOn("#theme");
        save(directory.resolve("pools-late-dark.png"));
        assertThat(directory.resolve("pools-late-dark.png")).exists();
    }

    private void save(Path file) throws Exception {
        Screenshots.save(harness.window.getScene(), file);
    }
}
