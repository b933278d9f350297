package dev.orchestrator.desktop.run;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes an output to a file the user chose: its JSON (indented), or its rows as CSV with the CSV library the log
 * export uses (RFC 4180, a header of the columns). Written beside the target and moved into place when complete, so
 * a failed save leaves no half file. Blocking: call it off the FX thread. Stateless; thread-safe.
 */
final class OutputFiles {

    private static final ObjectMapper JSON = new ObjectMapper();
    // quotes only where CSV needs them (a comma, a quote, a line break): "row 0" is written row 0, as a
    // spreadsheet writes it, where the library's default quotes any value with a space
    private static final CsvMapper CSV = CsvMapper.builder()
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
            .build();

    private OutputFiles() {}

    static void writeJson(JsonNode output, Path target) throws IOException {
        write(target, out -> JSON.writerWithDefaultPrettyPrinter().writeValue(out, output));
    }

    /** @return the rows written, header not counted */
    static long writeCsv(OutputRows rows, Path target) throws IOException {
        CsvSchema.Builder schema = CsvSchema.builder();
        rows.columns().forEach(schema::addColumn);
        write(target, out -> {
            try (SequenceWriter writer = CSV.writer(schema.build().withHeader().withLineSeparator("\r\n"))
                    .writeValues(out)) {
                String[] cells = new String[rows.columns().size()];
                for (JsonNode row : rows.rows()) {
                    for (int i = 0; i < cells.length; i++) {
                        cells[i] = OutputRows.cell(row, rows.columns().get(i));
                    }
                    writer.write(cells);
                }
            }
        });
        return rows.rows().size();
    }

    private interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private static void write(Path target, Content content) throws IOException {
        Path partial = target.resolveSibling("." + target.getFileName() + ".part");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), 256 * 1024)) {
                content.writeTo(out);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
