package dev.orchestrator.desktop.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orchestrator.desktop.client.AgentClient;
import dev.orchestrator.desktop.grid.GridCanvas;
import dev.orchestrator.desktop.grid.GridModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The run grid's screenshots, light and dark, at 1280 × 800, over 30 runs of a pipeline of eleven tasks with a map
 * and some failures (the grid shows the last 25). Apart from {@link ScreenshotsTest} so that it can be made alone:
 * {@code ./mvnw -B -pl desktop -am verify -Pscreenshots -Dtest=GridScreenshotTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=none -Dfailsafe.failIfNoSpecifiedTests=false} writes them to
 * {@code docs/screenshots/} (without the last three, {@code -am} runs the agent's integration tests too).
 */
@Tag("screenshots")
@ExtendWith(ApplicationExtension.class)
class GridScreenshotTest {

    private static final int RUNS = 30;

    private static final String PIPELINES = """
            pipelines:
              - id: daily_sales_report
                name: Daily sales report
                params: { qc: 0, fx: 0 }
                tasks:
                  - { id: extract_orders, connector: shell, action: run, action_kwargs: { command: "true" } }
                  - { id: extract_refunds, connector: shell, action: run, action_kwargs: { command: "true" } }
                  - { id: extract_customers, connector: shell, action: run, action_kwargs: { command: "true" } }
                  - { id: join_regions, connector: shell, action: run, depends_on: [extract_orders, extract_refunds], action_kwargs: { command: "true" } }
                  - { id: enrich_geo, connector: shell, action: run, depends_on: [extract_customers], action_kwargs: { command: "true" } }
                  - id: fx_rates
                    for_each: { items: [EUR, USD, GBP, JPY, CHF, SEK] }
                    retry: { times: 0 }
                    connector: shell
                    action: run
                    action_kwargs: { command: sh, args: ["-c", "test \\"$1\\" != JPY || test {{ params.fx }} = 0 || { echo 'rate service answered 503 for JPY' >&2; exit 2; }", sh, "{{ item }}"] }
                  - { id: summarise, connector: shell, action: run, depends_on: [join_regions, enrich_geo], action_kwargs: { command: "true" } }
                  - { id: quality_checks, connector: shell, action: run, depends_on: [summarise], retry: { times: 0 }, action_kwargs: { command: sh, args: ["-c", "test {{ params.qc }} = 0 || { echo 'row count 0 for region emea, expected > 1000' >&2; exit 1; }"] } }
                  - { id: write_report, connector: shell, action: run, depends_on: [quality_checks, fx_rates], action_kwargs: { command: "true" } }
                  - { id: publish_dashboard, connector: shell, action: run, depends_on: [write_report], action_kwargs: { command: "true" } }
                  - { id: notify_team, connector: shell, action: run, depends_on: [write_report], action_kwargs: { command: "true" } }
            """;

    @RegisterExtension
    final ConsoleHarness harness = new ConsoleHarness(PIPELINES);

    @Start
    void start(Stage stage) throws Exception {
        harness.show(stage);
    }

    @Test
    void theGridInLightAndDark(FxRobot robot) throws Exception {
        Path directory = Screenshots.directory();
        AgentClient client = harness.client();
        for (int run = 0; run < RUNS; run++) {
            String runId = client.trigger(
                    "daily_sales_report", Map.of("qc", run % 7 == 3 ? 1 : 0, "fx", run % 9 == 5 ? 1 : 0));
            harness.agent().executor().await(runId, Duration.ofSeconds(30));
        }
        robot.clickOn("#nav-grid");
        GridCanvas grid = robot.lookup("#grid-canvas").queryAs(GridCanvas.class);
        robot.clickOn("#grid-reload");
        // the last 25 runs: the grid's default
        await().atMost(Duration.ofSeconds(30))
                .until(() -> grid.getMatrix().columnCount() == GridModel.RUN_COUNTS.get(0));
        save(directory.resolve("grid-light.png"));
        robot.clickOn("#theme"); // the window's theme button: the console's theme and the grid's colours
        save(directory.resolve("grid-dark.png"));
        assertThat(directory.resolve("grid-light.png")).exists();
    }

    private void save(Path file) throws Exception {
        Screenshots.save(harness.window.getScene(), file);
    }
}
