package dev.orchestrator.bench;

import dev.orchestrator.agent.connector.builtin.PostgresConnector;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The postgres connector pushing 100,000 rows into a real (embedded) PostgreSQL, in one transaction.
 * Target: ≤ 5 s.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.orchestrator.bench.PostgresPushBenchmark</pre>
 */
public final class PostgresPushBenchmark {

    private static final int ROWS = 100_000;

    private PostgresPushBenchmark() {}

    public static void main(String[] args) throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>(ROWS);
        for (int i = 0; i < ROWS; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("order_id", i);
            row.put("region", i % 3 == 0 ? "eu" : "us");
            row.put("note", "order number " + i + " with a note of some length");
            rows.add(row);
        }
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            String dsn = "postgresql://postgres:postgres@localhost:" + postgres.getPort() + "/postgres";
            List<Long> insert = new ArrayList<>();
            List<Long> upsert = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                try (Connection connection = postgres.getPostgresDatabase().getConnection();
                        Statement statement = connection.createStatement()) {
                    statement.execute("DROP TABLE IF EXISTS orders");
                    statement.execute("CREATE TABLE orders (order_id INT PRIMARY KEY, region TEXT, note TEXT)");
                }
                try (PostgresConnector connector = new PostgresConnector(Map.of("dsn", dsn))) {
                    long started = System.nanoTime();
                    connector.push(rows, "orders", "insert", null, null);
                    long inserted = System.nanoTime();
                    connector.push(rows, "orders", "upsert", "order_id", null);
                    long upserted = System.nanoTime();
                    if (round > 0) { // the first round warms up
                        insert.add((inserted - started) / 1_000_000);
                        upsert.add((upserted - inserted) / 1_000_000);
                    }
                }
            }
            Collections.sort(insert);
            Collections.sort(upsert);
            System.out.printf(
                    "push of %,d rows: insert %s ms (median %d), upsert of the same rows %s ms (median %d)%n",
                    ROWS, insert, insert.get(insert.size() / 2), upsert, upsert.get(upsert.size() / 2));
        }
    }
}
