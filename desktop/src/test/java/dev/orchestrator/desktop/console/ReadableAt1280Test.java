package dev.orchestrator.desktop.console;

import static dev.orchestrator.desktop.console.ConsoleHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.desktop.client.AgentClient;
import dev.orchestrator.desktop.session.RunRef;
import dev.orchestrator.testsupport.IntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 22: at the default 1280×800 the console's texts are read whole: pipeline ids in the dashboard's narrow
 * tables, state badges, the pools' holders, placeholders, the run detail's pipeline and run id, and the logs' and the
 * approvals' run ids beside a message still the widest column. A text is cut when its skin draws less than the whole of it
 * ({@link CutTexts}).
 */
@IntegrationTest
@ExtendWith(ApplicationExtension.class)
class ReadableAt1280Test {

    private static final String PIPELINES = """
            pools: { warehouse: 1 }
            pipelines:
              - id: daily_sales_report
                schedule: { type: cron, cron_expr: "0 6 * * *" }
                tasks:
                  - { id: extract_orders, connector: shell, action: run, action_kwargs: { command: "true" } }
              - id: crm_contacts_export
                schedule: { type: cron, cron_expr: "30 7 * * 1-5" }
                tasks:
                  - { id: upload_sftp, connector: shell, action: run, retry: { times: 0 }, action_kwargs: { command: sh, args: ["-c", "echo refused >&2; exit 2"] } }
              - id: weekly_finance_close
                schedule: { type: interval, interval_seconds: 900 }
                tasks:
                  - { id: reconcile, connector: shell, action: run, action_kwargs: { command: "true" } }
              - id: web_events_ingest
                schedule: { type: interval, interval_seconds: 900 }
                pool: warehouse
                tasks:
                  - { id: load_clicks, connector: shell, action: run, action_kwargs: { command: "sleep 120" }, timeout_seconds: 300 }
              - id: inventory_sync
                pool: warehouse
                tasks:
                  - { id: upsert_stock, connector: shell, action: run, action_kwargs: { command: "true" } }
              - id: publish_quarterly_numbers
                tasks:
                  - id: sign_off_by_finance
                    approval: { message: "Publish the Q3 numbers? Totals are in the report of 06:00.", timeout_seconds: 86400 }
            """;

    /** A run id as wide as one can be: its random part all digits, the widest glyphs. */
    private static final String WIDEST_RUN_ID = "run_20261207_153400_776223273101";

    @RegisterExtension
    final ConsoleHarness harness = new ConsoleHarness(PIPELINES);

    private AgentClient client;

    @Start
    void start(Stage stage) throws Exception {
        harness.show(stage);
        client = harness.client();
    }

    private String ranToTheEnd(String pipelineId) throws Exception {
        String runId = client.trigger(pipelineId, Map.of());
        harness.agent().executor().await(runId, Duration.ofSeconds(30));
        return runId;
    }

    @Test
    void theDashboardsTablesShowPipelinesBadgesAndHoldersWhole(FxRobot robot) throws Exception {
        ranToTheEnd("daily_sales_report");
        ranToTheEnd("weekly_finance_close");
        ranToTheEnd("crm_contacts_export");
        String holder = client.trigger("web_events_ingest", Map.of());
        await("the load to hold the pool", () -> client.pools().get(0).taken() == 1);
        String waiter = client.trigger("inventory_sync", Map.of());
        await("the sync to wait", () -> client.pools().get(0).waiting().size() == 1);

        robot.clickOn("#nav-dashboard");
        robot.interact(() -> harness.workspace.sessions().forEach(session -> session.refresh()));
        TableView<?> lastRuns = robot.lookup("#last-runs").queryTableView();
        TableView<?> dueNext = robot.lookup("#due-next").queryTableView();
        TableView<?> failing = robot.lookup("#failing").queryTableView();
        TableView<?> pools = robot.lookup("#pools").queryTableView();
        await(
                "the dashboard filled",
                () -> onFx(() -> lastRuns.getItems().size() == 5
                        && !dueNext.getItems().isEmpty()
                        && failing.getItems().size() == 1
                        && pools.getItems().size() == 1));
        WaitForAsyncUtils.waitForFxEvents();
        Node dashboard = robot.lookup(".dashboard").query();
        assertThat(onFx(() -> dashboard.getScene().getWidth())).isEqualTo(1280);
        assertThat(onFx(() -> CutTexts.under(dashboard))).isEmpty();
        assertThat(onFx(() -> cellTexts(pools)))
                .contains("web_events_ingest / load_clicks\n1 waiting: inventory_sync / upsert_stock");
        assertThat(onFx(() -> cellTooltips(pools)))
                .anySatisfy(tooltip -> assertThat(tooltip).contains(holder))
                .anySatisfy(tooltip -> assertThat(tooltip).contains(waiter));

        robot.clickOn("#nav-runs");
        TableView<?> runs = robot.lookup("#runs-table").queryTableView();
        await("the runs listed", () -> onFx(() -> runs.getItems().size() == 5));
        WaitForAsyncUtils.waitForFxEvents();
        // the reason is free text taking the width left, whole in its tooltip: every other column is read whole
        assertThat(onFx(() -> CutTexts.under(runs)))
                .as("run ids, pipelines, badges, headers")
                .filteredOn(cut -> !cut.startsWith("column Reason"))
                .isEmpty();
        // the ids above are random: the widest one (its random part all digits) is read whole too
        assertThat(onFx(() -> fits(runs, "Run", WIDEST_RUN_ID)))
                .as("a run id of digits only fits its column")
                .isTrue();
    }

    @Test
    void theLogsColumnsReadWholeAndTheMessageTakesTheWidthLeft(FxRobot robot) throws Exception {
        String failed = ranToTheEnd("crm_contacts_export");
        robot.clickOn("#nav-logs");
        robot.clickOn("#log-text").write("refused");
        robot.clickOn("#log-search");
        TableView<?> hits = robot.lookup("#log-results").queryTableView();
        await("the failed run's lines found", () -> onFx(() -> hits.getItems().size() >= 2));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(() -> hits.getScene().getWidth())).isEqualTo(1280);
        // the message too: it wraps in its row (NothingCutAt1280Test), as every other column's text is read whole
        assertThat(onFx(() -> CutTexts.under(hits)))
                .as("times, levels, pipelines, tasks, run ids, messages, headers")
                .isEmpty();
        assertThat(onFx(() -> cellTexts(hits)))
                .as("the run id read in its row, not only in a tooltip")
                .anySatisfy(text -> assertThat(text).contains(failed));
        assertThat(onFx(() -> fits(hits, "Pipeline / task / run", WIDEST_RUN_ID)))
                .as("a run id of digits only fits its column")
                .isTrue();
        assertTheMessageIsTheWidestColumn(hits);
    }

    @Test
    void theApprovalsColumnsReadWholeAndTheMessageTakesTheWidthLeft(FxRobot robot) throws Exception {
        String waiting = client.trigger("publish_quarterly_numbers", Map.of());
        await("the approval to wait", () -> client.approvals().size() == 1);
        robot.clickOn("#nav-approvals");
        robot.interact(() -> harness.workspace.sessions().forEach(session -> session.refresh()));
        TableView<?> inbox = robot.lookup("#approvals-table").queryTableView();
        await("the inbox to list it", () -> onFx(() -> inbox.getItems().size() == 1));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(() -> inbox.getScene().getWidth())).isEqualTo(1280);
        // the message wraps in its row, the question read whole before deciding, as every other column's text is
        assertThat(onFx(() -> CutTexts.under(inbox)))
                .as("messages, pipelines, tasks, run ids, waits, headers")
                .isEmpty();
        assertThat(onFx(() -> cellTexts(inbox)))
                .as("the run id read in its row, not only in a tooltip")
                .anySatisfy(text -> assertThat(text).contains(waiting));
        assertThat(onFx(() -> fits(inbox, "Pipeline / task / run", WIDEST_RUN_ID)))
                .as("a run id of digits only fits its column")
                .isTrue();
        assertThat(onFx(() -> fits(inbox, "Waited", "999 h 59 min")))
                .as("a wait of weeks fits its column")
                .isTrue();
        assertTheMessageIsTheWidestColumn(inbox);
    }

    /** The message takes the width the other columns leave: 400 px at least, more than any other column. */
    private static void assertTheMessageIsTheWidestColumn(TableView<?> table) throws Exception {
        Map<String, Double> widths = onFx(() -> table.getVisibleLeafColumns().stream()
                .collect(java.util.stream.Collectors.toMap(
                        javafx.scene.control.TableColumn::getText, javafx.scene.control.TableColumn::getWidth)));
        assertThat(widths.get("Message"))
                .as("the message, the widest column, in " + widths)
                .isGreaterThanOrEqualTo(400)
                .isGreaterThan(widths.entrySet().stream()
                        .filter(column -> !column.getKey().equals("Message"))
                        .mapToDouble(Map.Entry::getValue)
                        .max()
                        .orElseThrow());
    }

    /** Whether {@code text}, in the font and padding of the column's cells, fits the column. */
    private static boolean fits(TableView<?> table, String column, String text) {
        TableCell<?, ?> cell = table.lookupAll(".table-cell").stream()
                .map(node -> (TableCell<?, ?>) node)
                .filter(candidate -> candidate.getTableColumn() != null
                        && candidate.getTableColumn().getText().equals(column)
                        && candidate.getText() != null)
                .findFirst()
                .orElseThrow();
        Text widest = new Text(text);
        widest.setFont(cell.getFont());
        double needed = widest.getLayoutBounds().getWidth()
                + cell.getInsets().getLeft()
                + cell.getInsets().getRight();
        return needed <= cell.getTableColumn().getWidth();
    }

    @Test
    void theRunDetailsHeaderShowsItsPipelineAndRunIdWhole(FxRobot robot) throws Exception {
        String failed = ranToTheEnd("crm_contacts_export");
        robot.interact(() -> harness.workspace.sessions().forEach(session -> session.refresh()));
        robot.interact(() -> harness.window.openRun(new RunRef("local", failed)));
        Label pipeline = robot.lookup("#run-pipeline").queryAs(Label.class);
        Label runId = robot.lookup("#run-title").queryAs(Label.class);
        await(
                "the header laid out with the run",
                () -> onFx(() -> "crm_contacts_export".equals(pipeline.getText())
                        && failed.equals(runId.getText())
                        && pipeline.getWidth() > 0));
        WaitForAsyncUtils.waitForFxEvents();
        Node header = onFx(() -> pipeline.getParent().getParent());
        // the summary after the run id may give way (its tooltip has it whole): the rest may not
        assertThat(onFx(() -> CutTexts.under(header))).noneMatch(cut -> !cut.startsWith("#run-summary"));
        assertThat(onFx(() -> pipeline.getWidth())).isGreaterThanOrEqualTo(onFx(() -> pipeline.prefWidth(-1)) - 0.5);
    }

    private static List<String> cellTexts(TableView<?> table) {
        return table.lookupAll(".table-cell").stream()
                .map(node -> ((javafx.scene.control.TableCell<?, ?>) node).getText())
                .filter(text -> text != null)
                .toList();
    }

    private static List<String> cellTooltips(TableView<?> table) {
        return table.lookupAll(".table-cell").stream()
                .map(node -> ((javafx.scene.control.TableCell<?, ?>) node).getTooltip())
                .filter(tooltip -> tooltip != null && tooltip.getText() != null)
                .map(javafx.scene.control.Tooltip::getText)
                .toList();
    }

    private static <T> T onFx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(30, TimeUnit.SECONDS);
    }
}
