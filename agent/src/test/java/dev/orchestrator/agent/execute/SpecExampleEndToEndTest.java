package dev.orchestrator.agent.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.agent.JsonMapper;
import dev.orchestrator.agent.connector.ConnectorRegistry;
import dev.orchestrator.agent.connector.builtin.BuiltinConnectors;
import dev.orchestrator.agent.store.RunDetail;
import dev.orchestrator.agent.store.jdbi.Database;
import dev.orchestrator.agent.store.jdbi.JdbiRunStore;
import dev.orchestrator.config.PipelineConfig;
import dev.orchestrator.config.PipelineConfigReader;
import dev.orchestrator.model.RunState;
import dev.orchestrator.validation.Validator;
import dev.orchestrator.yaml.EnvironmentLookup;
import dev.orchestrator.yaml.PipelineLoader;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC 2's example pipeline ({@code pipelines/reference/daily_order_sync.yaml}), unchanged but for the shop's
 * address: orders fetched from a local HTTP server standing in for the shop, upserted into a real PostgreSQL
 * through {@code pass_output_from}.
 */
@EnabledOnOs(OS.LINUX)
class SpecExampleEndToEndTest {

    @TempDir
    Path directory;

    @Test
    void theSpecificationExampleFetchesOrdersAndUpsertsThemIntoPostgres() throws Exception {
        List<RecordedRequest> shopRequests = new CopyOnWriteArrayList<>();
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
                MockWebServer shop = new MockWebServer()) {
            shop.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    shopRequests.add(request);
                    return new MockResponse.Builder()
                            .code(200)
                            .setHeader("Content-Type", "application/json")
                            .body("[{\"order_id\": 101, \"total\": 12.5}, {\"order_id\": 102, \"total\": 40}]")
                            .build();
                }
            });
            shop.start(0);
            try (Connection connection = postgres.getPostgresDatabase().getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE shop_orders (order_id INT PRIMARY KEY, total NUMERIC)");
                statement.execute("INSERT INTO shop_orders VALUES (101, 1)");
            }
            String yaml = Files.readString(Path.of("..", "pipelines", "reference", "daily_order_sync.yaml"))
                    .replace(
                            "https://shop.example.com", shop.url("/").toString().replaceAll("/$", ""));
            var json = JsonMapper.create();
            ConnectorRegistry connectors =
                    ConnectorRegistry.of(BuiltinConnectors.classes(), Set.of("page_oncall"), json);
            PipelineConfig config = new PipelineConfigReader(
                            new PipelineLoader(EnvironmentLookup.of(Map.of(
                                    "SHOP_TOKEN",
                                    "shop-token-8f2a",
                                    "FEISHU_WEBHOOK",
                                    "http://127.0.0.1:9/hook",
                                    "DATABASE_URL",
                                    "postgresql://postgres:postgres@localhost:" + postgres.getPort() + "/postgres"))),
                            new Validator(Optional.of(connectors), Clock.systemUTC()))
                    .readText("daily_order_sync.yaml", yaml, directory);
            assertThat(config.diagnostics()).isEmpty();

            try (Database database = Database.inMemory("spec-" + UUID.randomUUID());
                    RunExecutor executor = new RunExecutor(
                            new JdbiRunStore(database, json),
                            new dev.orchestrator.agent.store.jdbi.JdbiEventWaitStore(database),
                            connectors,
                            new EngineSettings(
                                    Duration.ofSeconds(1),
                                    directory,
                                    directory.resolve("out"),
                                    directory.resolve("scratch"),
                                    "test",
                                    ZoneId.of("UTC")),
                            Clock.systemUTC(),
                            RunObserver.NONE,
                            json)) {
                String runId = executor.start(
                        config.pipeline("daily_order_sync").orElseThrow(),
                        RunRequest.manual(Map.of()),
                        config.secrets());
                assertThat(executor.await(runId, Duration.ofMinutes(2))).contains(RunState.SUCCESS);
                RunDetail detail =
                        new JdbiRunStore(database, json).findRun(runId).orElseThrow();
                assertThat(detail.task("write_orders").orElseThrow().outputPreview())
                        .hasValueSatisfying(output ->
                                assertThat(output).contains("\"rows\":2").contains("upsert"));
            }
            try (Connection connection = postgres.getPostgresDatabase().getConnection();
                    Statement statement = connection.createStatement();
                    java.sql.ResultSet rows =
                            statement.executeQuery("SELECT order_id, total FROM shop_orders ORDER BY 1")) {
                List<String> stored = new java.util.ArrayList<>();
                while (rows.next()) {
                    stored.add(rows.getInt(1) + "="
                            + rows.getBigDecimal(2).stripTrailingZeros().toPlainString());
                }
                assertThat(stored).containsExactly("101=12.5", "102=40");
            }
        }
        assertThat(shopRequests).singleElement().satisfies(request -> {
            assertThat(request.getUrl().encodedPath()).isEqualTo("/admin/api/orders.json");
            assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer shop-token-8f2a");
            assertThat(request.getUrl().queryParameter("region")).isEqualTo("eu");
            assertThat(request.getUrl().queryParameter("created_at_min")).endsWith("T00:00:00+08:00");
        });
    }
}
