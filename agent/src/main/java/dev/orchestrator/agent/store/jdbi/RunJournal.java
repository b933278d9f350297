package dev.orchestrator.agent.store.jdbi;

import dev.orchestrator.agent.file.OwnerOnlyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only file of records beside the embedded H2 database, in numbered segments ({@code <base>.<n>}).
 * Each record is its length, its CRC-32 and its bytes, written with one {@code write} call and not forced: the
 * operating system keeps what a process wrote when that process is killed (kill -9), which is the failure this
 * journal is for; it does not survive a power loss (neither does H2's own file, which is not forced either).
 *
 * <p>Records are appended to the current segment. {@link #seal()} closes it and starts the next one, so that
 * whoever has made everything before the seal durable some other way can {@link #delete} the closed one while
 * records go on being appended. Segments found at opening, left by an earlier process, are kept apart for
 * {@link #found()}: only their replay deletes them. Thread-safe.
 */
final class RunJournal implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunJournal.class);
    private static final int HEADER = Integer.BYTES * 2;
    /** Larger is not a record: a length torn or overwritten. */
    private static final int MAX_RECORD = 64 * 1024 * 1024;

    private final Path directory;
    private final String base;
    private final List<Path> found;
    private long nextNumber;
    private Path currentPath;
    private FileChannel current;
    private long currentSize;

    private RunJournal(Path directory, String base, List<Path> found, long nextNumber) {
        this.directory = directory;
        this.base = base;
        this.found = found;
        this.nextNumber = nextNumber;
    }

    /** The journal of the database file {@code database} ({@code <directory>/<name>}: journal {@code <name>.runs}). */
    static RunJournal open(Path database) {
        Path directory = database.toAbsolutePath().getParent();
        String base = database.getFileName() + ".runs";
        Pattern segment = Pattern.compile(Pattern.quote(base) + "\\.(\\d{1,18})");
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            files.filter(file -> segment.matcher(file.getFileName().toString()).matches())
                    .sorted(Comparator.comparingLong(file -> number(segment, file)))
                    .forEach(found::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the run journal's directory " + directory, e);
        }
        long next = found.isEmpty() ? 1 : number(segment, found.get(found.size() - 1)) + 1;
        return new RunJournal(directory, base, found, next);
    }

    private static long number(Pattern segment, Path file) {
        Matcher matcher = segment.matcher(file.getFileName().toString());
        return matcher.matches() ? Long.parseLong(matcher.group(1)) : -1;
    }

    /** Appends one record; it is in the operating system's hands when this returns. */
    synchronized void append(byte[] record) {
        ByteBuffer buffer = ByteBuffer.allocate(HEADER + record.length);
        CRC32 crc = new CRC32();
        crc.update(record);
        buffer.putInt(record.length).putInt((int) crc.getValue()).put(record).flip();
        try {
            if (current == null) {
                currentPath = directory.resolve(base + "." + nextNumber++);
                OwnerOnlyFiles.createFile(currentPath);
                current = FileChannel.open(currentPath, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            }
            while (buffer.hasRemaining()) {
                current.write(buffer);
            }
            currentSize += buffer.limit();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot append to the run journal " + currentPath + ": " + e.getMessage(), e);
        }
    }

    /**
     * Closes the current segment when it holds records; the next record starts a new one.
     *
     * @return the closed segment, to {@link #delete} once everything appended to it is durable otherwise
     */
    synchronized Optional<Path> seal() {
        if (current == null || currentSize == 0) {
            return Optional.empty();
        }
        Path closed = currentPath;
        closeCurrent();
        return Optional.of(closed);
    }

    /** Deletes a segment whose records are no longer needed. */
    void delete(Path segment) {
        try {
            Files.deleteIfExists(segment);
        } catch (IOException e) {
            // kept: replayed at the next start, which is harmless (a record whose run exists changes nothing)
            LOG.warn("could not delete the run journal segment {}: {}", segment, e.getMessage());
        }
    }

    /** The records of the segments an earlier process left, oldest first. */
    synchronized List<byte[]> found() {
        List<byte[]> records = new ArrayList<>();
        for (Path segment : found) {
            records.addAll(read(segment));
        }
        return records;
    }

    /** Deletes the segments an earlier process left, once their records are applied and durable. */
    synchronized void deleteFound() {
        found.forEach(this::delete);
        found.clear();
    }

    /**
     * The whole records of a segment. A record cut short (the process killed in the middle of its write) or not
     * matching its checksum ends the reading with a warning: it was never acknowledged to anyone.
     */
    static List<byte[]> read(Path segment) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(segment);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the run journal segment " + segment, e);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        List<byte[]> records = new ArrayList<>();
        while (buffer.remaining() > 0) {
            int at = buffer.position();
            if (buffer.remaining() < HEADER) {
                LOG.warn(
                        "ignored a torn record at byte {} of the run journal {} ({} bytes of its header)",
                        at,
                        segment,
                        buffer.remaining());
                break;
            }
            int length = buffer.getInt();
            int checksum = buffer.getInt();
            if (length < 0 || length > MAX_RECORD || length > buffer.remaining()) {
                LOG.warn(
                        "ignored a torn record at byte {} of the run journal {} (length {}, {} bytes left)",
                        at,
                        segment,
                        length,
                        buffer.remaining());
                break;
            }
            byte[] record = new byte[length];
            buffer.get(record);
            CRC32 crc = new CRC32();
            crc.update(record);
            if ((int) crc.getValue() != checksum) {
                LOG.warn(
                        "ignored a torn record at byte {} of the run journal {} (checksum does not match)",
                        at,
                        segment);
                break;
            }
            records.add(record);
        }
        return records;
    }

    private void closeCurrent() {
        try {
            current.close();
        } catch (IOException e) {
            LOG.warn("could not close the run journal segment {}: {}", currentPath, e.getMessage());
        }
        current = null;
        currentPath = null;
        currentSize = 0;
    }

    /** Closes the current segment; it stays on disk unless {@link #seal()} and {@link #delete} removed it. */
    @Override
    public synchronized void close() {
        if (current != null) {
            closeCurrent();
        }
    }
}
