package dev.orchestrator.agent.cli.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CsvRecordCounterTest {

    private static long records(String csv, int chunk) throws IOException {
        ByteArrayOutputStream target = new ByteArrayOutputStream();
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        try (CsvRecordCounter counter = new CsvRecordCounter(target)) {
            for (int offset = 0; offset < bytes.length; offset += chunk) {
                counter.write(bytes, offset, Math.min(chunk, bytes.length - offset));
            }
            assertThat(target.toByteArray()).as("passed through unchanged").isEqualTo(bytes);
            return counter.records();
        }
    }

    @Test
    void countsLineEndsOutsideQuotesOnly() throws IOException {
        String csv = "run_id,error\r\n"
                + "run_1,\"java.lang.IllegalStateException: broken\n\tat Foo.bar(Foo.java:1)\r\n\"\r\n"
                + "run_2,\"said \"\"hi\"\"\nand left\"\n"
                + "run_3,ünïcödé\n";

        assertThat(records(csv, 8192)).isEqualTo(4);
        assertThat(records(csv, 1)).as("the same, however the bytes arrive").isEqualTo(4);
    }

    @Test
    void countsALastRecordWithoutALineEndAndNothingForNothing() throws IOException {
        assertThat(records("run_id\nrun_1", 3)).isEqualTo(2);
        assertThat(records("run_id\n", 3)).isEqualTo(1);
        assertThat(records("", 3)).isZero();
    }
}
