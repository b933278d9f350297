package dev.orchestrator.agent.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.agent.store.RunDetail;
import dev.orchestrator.model.RunState;
import dev.orchestrator.model.TaskState;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The built-in postgres connector against a real PostgreSQL (embedded, from Maven), run by the real engine. */
@EnabledOnOs(OS.LINUX)
class PostgresConnectorTest {

    private static EmbeddedPostgres postgres;

    @RegisterExtension
    final EngineFixture engine = new EngineFixture();

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @BeforeEach
    void start() throws Exception {
        sql(
                "DROP TABLE IF EXISTS orders",
                "CREATE TABLE orders (order_id INT PRIMARY KEY, note TEXT, day DATE)",
                "INSERT INTO orders VALUES (1, 'old', DATE '2024-03-14'), (2, 'kept', DATE '2024-03-15')");
    }

    private static String dsn() {
        return "postgresql://postgres:postgres@localhost:" + postgres.getPort() + "/postgres";
    }

    private static void sql(String... statements) throws Exception {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static List<String> rows() throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT order_id, note FROM orders ORDER BY order_id")) {
            while (result.next()) {
                rows.add(result.getInt(1) + "=" + result.getString(2));
            }
        }
        return rows;
    }

    private RunDetail push(String mode, String extra) throws Exception {
        return engine.run(engine.pipeline("""
                pipelines:
                  - id: push
                    tasks:
                      - { id: rows, connector: test, action: echo, action_kwargs: { value: [{ order_id: 2, note: "it's \\"quoted\\"; DROP TABLE x" }, { order_id: 3, note: new }] } }
                      - { id: write, connector: postgres, connector_config: { dsn: "%s" }, action: push, action_kwargs: { table: orders, mode: %s %s }, depends_on: [rows], pass_output_from: rows, retry: { times: 0 } }
                """.formatted(dsn(), mode, extra)));
    }

    @Test
    void fetchBindsNamedParameters() throws Exception {
        RunDetail detail = engine.run(engine.pipeline("""
                pipelines:
                  - id: fetch
                    tasks:
                      - { id: read, connector: postgres, connector_config: { dsn: "%s" }, action: fetch, action_kwargs: { query: "select order_id, note from orders where day = :day::date and note <> ':not_a_param'", params: { day: "2024-03-15" } } }
                """.formatted(dsn())));

        assertThat(detail.run().status()).isEqualTo(RunState.SUCCESS);
        assertThat(detail.task("read").orElseThrow().outputPreview()).contains("[{\"order_id\":2,\"note\":\"kept\"}]");
    }

    @Test
    void upsertUpdatesOnTheKeyAndStoresQuotesVerbatim() throws Exception {
        assertThat(push("upsert", ", upsert_key: order_id").run().status()).isEqualTo(RunState.SUCCESS);

        assertThat(rows()).containsExactly("1=old", "2=it's \"quoted\"; DROP TABLE x", "3=new");
    }

    @Test
    void insertAddsReplaceAndTruncateInsertStartOver() throws Exception {
        sql("DELETE FROM orders WHERE order_id = 2");
        assertThat(push("insert", "").run().status()).isEqualTo(RunState.SUCCESS);
        assertThat(rows()).containsExactly("1=old", "2=it's \"quoted\"; DROP TABLE x", "3=new");

        assertThat(push("replace", "").run().status()).isEqualTo(RunState.SUCCESS);
        assertThat(rows()).containsExactly("2=it's \"quoted\"; DROP TABLE x", "3=new");

        sql("INSERT INTO orders VALUES (9, 'extra', NULL)");
        assertThat(push("truncate_insert", "").run().status()).isEqualTo(RunState.SUCCESS);
        assertThat(rows()).containsExactly("2=it's \"quoted\"; DROP TABLE x", "3=new");
    }

    @Test
    void aTableNameThatCarriesSqlIsRefusedAndNothingChanges() throws Exception {
        RunDetail detail = engine.run(engine.pipeline("""
                pipelines:
                  - id: evil
                    tasks:
                      - { id: write, connector: postgres, connector_config: { dsn: "%s" }, action: push, action_kwargs: { table: "orders; DROP TABLE x", data: [{ order_id: 5 }] } }
                """.formatted(dsn())));

        assertThat(detail.task("write").orElseThrow().status()).isEqualTo(TaskState.FAILED);
        assertThat(detail.task("write").orElseThrow().attempts())
                .singleElement()
                .satisfies(attempt -> assertThat(attempt.errorMessage())
                        .hasValueSatisfying(
                                message -> assertThat(message).contains("not a valid table or column name")));
        assertThat(rows()).containsExactly("1=old", "2=kept");
    }
}
