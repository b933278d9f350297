package dev.orchestrator.agent.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.orchestrator.secret.SecretMasker;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A CSV file streamed to the client row by row as the database hands them over: RFC 4180 (CRLF line ends,
 * quotes around fields with commas, quotes or line breaks, so stack traces survive whole), a header row,
 * every cell masked.
 */
final class CsvDownload implements StreamingResponse {

    /** Fills the file: called with a sink that takes one row (cells in column order) at a time. */
    @FunctionalInterface
    interface Rows {
        void writeTo(Consumer<List<String>> row);
    }

    private static final CsvMapper CSV =
            CsvMapper.builder().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).build();

    private final String fileName;
    private final List<String> columns;
    private final Rows rows;

    CsvDownload(String fileName, List<String> columns, Rows rows) {
        this.fileName = fileName;
        this.columns = List.copyOf(columns);
        this.rows = rows;
    }

    @Override
    public String contentType() {
        return "text/csv; charset=utf-8";
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
    }

    @Override
    public void write(OutputStream body, SecretMasker masker) throws IOException {
        CsvSchema.Builder schema = CsvSchema.builder();
        columns.forEach(schema::addColumn);
        try (SequenceWriter writer = CSV.writer(schema.build().withHeader().withLineSeparator("\r\n"))
                .writeValues(new java.io.BufferedOutputStream(body, 64 * 1024))) {
            rows.writeTo(cells -> {
                try {
                    writer.write(cells.stream()
                            .map(cell -> cell == null ? "" : masker.mask(cell))
                            .toArray(String[]::new));
                } catch (IOException e) {
                    throw new UncheckedIOException(e); // the client went away: stops reading the database too
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
