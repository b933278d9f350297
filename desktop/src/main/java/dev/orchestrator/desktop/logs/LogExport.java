package dev.orchestrator.desktop.logs;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.orchestrator.desktop.session.AgentSession;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import okhttp3.Call;
import okhttp3.Response;

/**
 * Every log entry matching a search, from every agent searched, into one CSV file: each agent streams its rows
 * (the agent reads its database as it writes), each row is written on at once with the agent's name in front,
 * so memory stays flat whatever the size. Written beside the target and moved into place when complete: a
 * cancelled or failed export leaves no half file. Run it off the UI thread.
 */
public final class LogExport {

    private static final CsvMapper CSV = CsvMapper.builder()
            .enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .build();

    private final List<AgentSession> agents;
    private final Map<String, String> filters;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final List<Call> calls = new ArrayList<>();

    public LogExport(List<AgentSession> agents, Map<String, String> filters) {
        this.agents = List.copyOf(agents);
        this.filters = Map.copyOf(filters);
    }

    /**
     * Writes the file.
     *
     * @param progress told the number of rows written so far, every thousand rows
     * @return the number of rows written (header not counted)
     * @throws IOException when an agent fails or the file cannot be written; also when cancelled
     */
    public long writeTo(Path target, LongConsumer progress) throws IOException {
        Path partial = target.resolveSibling("." + target.getFileName() + ".part");
        long rows = 0;
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(partial), 256 * 1024)) {
            SequenceWriter out = null;
            for (AgentSession agent : agents) {
                Call call = agent.client().exportLogs(filters);
                synchronized (calls) {
                    if (cancelled.get()) {
                        throw new IOException("export cancelled");
                    }
                    calls.add(call);
                }
                try (Response response = call.execute()) {
                    if (!response.isSuccessful()) {
                        throw new IOException(agent.name() + ": "
                                + agent.client().exportRefused(response).getMessage());
                    }
                    try (InputStream body = response.body().byteStream();
                            MappingIterator<String[]> lines =
                                    CSV.readerFor(String[].class).readValues(body)) {
                        if (!lines.hasNext()) {
                            continue;
                        }
                        String[] header = lines.next();
                        if (out == null) {
                            CsvSchema.Builder schema = CsvSchema.builder().addColumn("agent");
                            for (String column : header) {
                                schema.addColumn(column);
                            }
                            out = CSV.writer(schema.build().withHeader().withLineSeparator("\r\n"))
                                    .writeValues(file);
                        }
                        while (lines.hasNext()) {
                            String[] row = lines.next();
                            String[] withAgent = new String[row.length + 1];
                            withAgent[0] = agent.name();
                            System.arraycopy(row, 0, withAgent, 1, row.length);
                            out.write(withAgent);
                            if (++rows % 1_000 == 0) {
                                progress.accept(rows);
                            }
                        }
                    }
                }
            }
            if (out != null) {
                out.flush();
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            if (cancelled.get()) {
                throw new IOException("export cancelled; nothing was written", e);
            }
            throw e;
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        progress.accept(rows);
        return rows;
    }

    /** Stops the export from any thread: the agents' streams are cut and the partial file removed. */
    public void cancel() {
        synchronized (calls) {
            cancelled.set(true);
            calls.forEach(Call::cancel);
        }
    }
}
