package dev.orchestrator.desktop.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orchestrator.desktop.client.AgentClient;
import dev.orchestrator.desktop.session.RunRef;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Screenshots of every screen, light and dark, with a real agent that has run a realistic set of pipelines
 * (successes and failures). Not part of the default build:
 * {@code ./mvnw -B -pl desktop -am verify -Pscreenshots} writes them to {@code docs/screenshots/}.
 */
@Tag("screenshots")
@ExtendWith(ApplicationExtension.class)
class ScreenshotsTest {

    private static final String PIPELINES = """
            pipelines:
              - id: daily_sales_report
                name: Daily sales report
                labels: [sales, finance]
                schedule: { type: cron, cron_expr: "0 6 * * *", timezone: Europe/Berlin }
                tasks:
                  - { id: extract_orders, connector: shell, action: run, action_kwargs: { command: sh, args: ["-c", "echo read 18204 orders >&2; sleep 0.3"] } }
                  - { id: extract_refunds, connector: shell, action: run, action_kwargs: { command: sh, args: ["-c", "echo read 311 refunds >&2; sleep 0.2"] } }
                  - { id: join_regions, connector: shell, action: run, depends_on: [extract_orders, extract_refunds], action_kwargs: { command: sh, args: ["-c", "sleep 0.2"] } }
                  - { id: summarise, connector: shell, action: run, depends_on: [join_regions], action_kwargs: { command: sh, args: ["-c", "echo 7 regions >&2; sleep 0.1"] } }
                  - { id: write_report, connector: shell, action: run, depends_on: [summarise], action_kwargs: { command: "true" } }
                  - { id: notify_team, connector: shell, action: run, depends_on: [write_report], action_kwargs: { command: "true" } }
              - id: inventory_sync
                name: Inventory sync
                labels: [warehouse]
                schedule: { type: interval, interval_seconds: 900 }
                tasks:
                  - { id: fetch_stock, connector: shell, action: run, action_kwargs: { command: sh, args: ["-c", "sleep 0.2"] } }
                  - { id: upsert_stock, connector: shell, action: run, depends_on: [fetch_stock], action_kwargs: { command: "true" } }
              - id: crm_contacts_export
                name: CRM contacts export
                labels: [crm]
                schedule: { type: cron, cron_expr: "30 7 * * 1-5", timezone: Europe/Berlin }
                tasks:
                  - { id: query_contacts, connector: shell, action: run, action_kwargs: { command: "true" } }
                  - { id: upload_sftp, connector: shell, action: run, depends_on: [query_contacts], retry: { times: 0 }, action_kwargs: { command: sh, args: ["-c", "echo 'connection refused: sftp.partner.example:22' >&2; exit 2"] } }
              - id: web_events_ingest
                name: Web events ingest
                labels: [web, events]
                schedule: { type: cron, cron_expr: "*/15 * * * *" }
                tasks:
                  - { id: list_partitions, connector: shell, action: run, action_kwargs: { command: "true" } }
                  - { id: load_clicks, connector: shell, action: run, depends_on: [list_partitions], action_kwargs: { command: sh, args: ["-c", "sleep 0.2"] } }
                  - { id: load_views, connector: shell, action: run, depends_on: [list_partitions], action_kwargs: { command: sh, args: ["-c", "sleep 0.3"] } }
                  - { id: load_sessions, connector: shell, action: run, depends_on: [list_partitions], action_kwargs: { command: sh, args: ["-c", "sleep 0.1"] } }
                  - { id: dedupe, connector: shell, action: run, depends_on: [load_clicks, load_views, load_sessions], action_kwargs: { command: "true" } }
                  - { id: publish, connector: shell, action: run, depends_on: [dedupe], action_kwargs: { command: "true" } }
              - id: weekly_finance_close
                name: Weekly finance close
                labels: [finance]
                schedule: { type: cron, cron_expr: "0 18 * * 5", timezone: Europe/Berlin }
                tasks:
                  - { id: reconcile, connector: shell, action: run, action_kwargs: { command: "true" } }
              - id: adhoc_backfill
                name: Ad-hoc backfill
                labels: []
                tasks:
                  - { id: copy_partition, connector: shell, action: run, action_kwargs: { command: "true" } }
            """;

    @RegisterExtension
    final ConsoleHarness harness = new ConsoleHarness(PIPELINES);

    @Start
    void start(Stage stage) throws Exception {
        harness.show(stage);
    }

    @Test
    void everyScreenInLightAndDark(FxRobot robot) throws Exception {
        Path directory = Screenshots.directory();
        AgentClient client = harness.client();
        List<String> runs = new ArrayList<>();
        for (String pipeline : List.of(
                "daily_sales_report",
                "inventory_sync",
                "web_events_ingest",
                "crm_contacts_export",
                "inventory_sync",
                "daily_sales_report",
                "web_events_ingest",
                "weekly_finance_close",
                "inventory_sync",
                "crm_contacts_export",
                "daily_sales_report")) {
            // the failed run shown in the run detail carries parameters, as a triggered run often does
            String runId = client.trigger(
                    pipeline,
                    runs.size() == 9 ? Map.of("day", "2026-12-05", "region", "eu") : Map.<String, Object>of());
            harness.agent().executor().await(runId, Duration.ofSeconds(30));
            runs.add(runId);
        }
        client.pause("weekly_finance_close");
        harness.workspace.sessions().forEach(session -> robot.interact(session::refresh));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> harness.workspace.sessions().get(0).runs().size() == runs.size());
        String failed = runs.get(runs.size() - 2); // crm_contacts_export, failed in upload_sftp

        for (boolean dark : List.of(false, true)) {
            String theme = dark ? "dark" : "light";
            // as the Light / dark button does: the graphs and the editor follow the theme, not only the controls
            robot.interact(() -> harness.theme.darkProperty().set(dark));
            robot.clickOn("#nav-dashboard");
            save(directory.resolve("dashboard-" + theme + ".png"));
            robot.clickOn("#nav-pipelines");
            save(directory.resolve("pipelines-" + theme + ".png"));
            robot.clickOn("#nav-runs");
            save(directory.resolve("runs-" + theme + ".png"));
            robot.clickOn("#nav-agents");
            save(directory.resolve("agents-" + theme + ".png"));
            robot.clickOn("#nav-logs");
            if (!dark) {
                robot.clickOn("#log-text").write("refused");
                robot.clickOn("#log-search");
                await().atMost(Duration.ofSeconds(20))
                        .until(() ->
                                !harness.window.logs().getChildrenUnmodifiable().isEmpty()
                                        && robot.lookup("#log-results")
                                                        .queryTableView()
                                                        .getItems()
                                                        .size()
                                                > 0);
                // the items are there before their rows are laid out
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> robot.lookup("#log-results .table-row-cell")
                                .tryQuery()
                                .isPresent());
                robot.clickOn(
                        robot.lookup("#log-results .table-row-cell").nth(0).queryAs(javafx.scene.Node.class));
            }
            save(directory.resolve("logs-" + theme + ".png"));
            robot.clickOn("#nav-editor");
            var editor = harness.window.editor();
            if (!dark) {
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> editor.code().readyProperty().get());
                robot.interact(() -> editor.open("local", "daily_sales_report"));
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> editor.model().textProperty().get().contains("daily_sales_report")
                                && editor.model().resultProperty().get() != null);
                String text = editor.model().textProperty().get();
                robot.interact(() -> editor.code()
                        .typeText(text.replace("depends_on: [join_regions]", "depend_on: [join_regions]")));
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> !editor.model().diagnostics().isEmpty());
            }
            save(directory.resolve("editor-" + theme + ".png"));
            robot.interact(() -> harness.window.openRun(new RunRef("local", failed)));
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> harness.window.runDetail().model().isEnded());
            WaitForAsyncUtils.sleep(500, TimeUnit.MILLISECONDS);
            robot.clickOn(GraphColours.centre(robot, harness.window.runDetail().graph(), "upload_sftp"));
            save(directory.resolve("run-detail-" + theme + ".png"));
        }
        assertThat(directory.resolve("run-detail-dark.png")).exists();
    }

    private void save(Path file) throws Exception {
        Screenshots.save(harness.window.getScene(), file);
    }
}
