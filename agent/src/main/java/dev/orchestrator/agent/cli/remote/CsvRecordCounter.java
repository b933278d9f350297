package dev.orchestrator.agent.cli.remote;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Passes bytes through and counts the CSV records among them (RFC 4180): a line end ends a record only outside
 * quotes, so a stack trace inside a quoted field counts as part of its one record. An escaped quote ({@code ""})
 * flips the quoted state twice and needs no case of its own; in UTF-8, {@code "} and {@code \n} are never
 * part of another character. Not thread-safe.
 */
final class CsvRecordCounter extends FilterOutputStream {

    private boolean quoted;
    private boolean recordOpen;
    private long records;

    CsvRecordCounter(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int value) throws IOException {
        count((byte) value);
        out.write(value);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        for (int i = offset; i < offset + length; i++) {
            count(bytes[i]);
        }
        out.write(bytes, offset, length); // FilterOutputStream would write byte by byte
    }

    private void count(byte value) {
        if (value == '"') {
            quoted = !quoted;
        } else if (value == '\n' && !quoted) {
            records++;
            recordOpen = false;
            return;
        }
        recordOpen = true;
    }

    /** Records so far, the last one counted even without a final line end. */
    long records() {
        return records + (recordOpen ? 1 : 0);
    }
}
