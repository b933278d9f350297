package dev.orchestrator.desktop.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Which outputs read as a table, with which columns, and how a cell reads. */
class OutputRowsTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aListOfObjectsIsRowsWithEveryKeyInTheOrderItFirstAppears() throws Exception {
        OutputRows rows = OutputRows.of(json.readTree("""
                        [{"id": 1, "name": "a"}, {"id": 2, "extra": {"deep": true}}, {"name": null, "tags": [1, 2]}]""")).orElseThrow();

        assertThat(rows.columns()).containsExactly("id", "name", "extra", "tags");
        assertThat(rows.rows()).hasSize(3);
        JsonNode second = rows.rows().get(1);
        assertThat(OutputRows.cell(second, "id")).isEqualTo("2");
        assertThat(OutputRows.cell(second, "name")).isEmpty();
        assertThat(OutputRows.cell(second, "extra")).isEqualTo("{\"deep\":true}");
        assertThat(OutputRows.cell(rows.rows().get(2), "name")).isEmpty();
        assertThat(OutputRows.cell(rows.rows().get(2), "tags")).isEqualTo("[1,2]");
    }

    @Test
    void anythingElseIsNoTable() throws Exception {
        assertThat(OutputRows.of(json.readTree("[{\"id\": 1}, 2]"))).isEmpty();
        assertThat(OutputRows.of(json.readTree("[]"))).isEmpty();
        assertThat(OutputRows.of(json.readTree("{\"rows\": [{\"id\": 1}]}"))).isEmpty();
        assertThat(OutputRows.of(json.readTree("\"text\""))).isEmpty();
    }

    @Test
    void describesWhatTheOutputIs() throws Exception {
        JsonNode list = json.readTree("[{\"a\": 1}, {\"a\": 2}]");
        assertThat(FullOutputModel.describe(list, OutputRows.of(list).orElseThrow()))
                .isEqualTo("A list of 2 rows × 1 column");
        assertThat(FullOutputModel.describe(json.readTree("[1, 2, 3]"), null)).isEqualTo("A list of 3 values");
        assertThat(FullOutputModel.describe(json.readTree("{\"a\": 1}"), null)).isEqualTo("An object of 1 key");
        assertThat(FullOutputModel.describe(json.readTree("42"), null)).isEqualTo("A single value");
    }
}
