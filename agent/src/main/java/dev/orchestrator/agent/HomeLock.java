package dev.orchestrator.agent;

import dev.orchestrator.agent.file.OwnerOnlyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Properties;

/**
 * One agent per home: an exclusive lock on {@code agent.lock} in the home, held by the operating system for the
 * agent process's life (released when it stops or dies, even by SIGKILL), taken before anything else of the
 * home is opened, so a second agent leaves the first one's database and log alone. The file also says which
 * process holds it ({@code pid}, and {@code port} once known) for the refusal's message.
 */
public final class HomeLock implements AutoCloseable {

    /** A byte far past the content is locked, not the content: on Windows a locked range cannot be read. */
    private static final long LOCKED_BYTE = Integer.MAX_VALUE;
    /** How long a refused agent waits for the holder to say who it is: between taking the lock and writing. */
    private static final Duration HOLDER_WRITING = Duration.ofSeconds(5);

    private final FileChannel channel;
    private final FileLock lock;
    private final long pid;

    private HomeLock(FileChannel channel, FileLock lock, long pid) {
        this.channel = channel;
        this.lock = lock;
        this.pid = pid;
    }

    /**
     * Takes the home for this process, or says who has it.
     *
     * @param port the API port this agent will listen on, 0 when not known yet (see {@link #announcePort})
     * @throws HomeInUseException when another agent (another process, or another agent of this one) holds it
     */
    public static HomeLock acquire(AgentHome home, int port) {
        Path file = home.lockFile();
        FileChannel channel = null;
        try {
            OwnerOnlyFiles.createFile(file);
            // opening an existing file for writing changes neither its content nor its modification time
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock(LOCKED_BYTE, 1, false);
            } catch (OverlappingFileLockException e) {
                lock = null; // another agent of this JVM
            }
            if (lock == null) {
                channel.close();
                throw new HomeInUseException(home, holder(file));
            }
            HomeLock taken = new HomeLock(channel, lock, ProcessHandle.current().pid());
            taken.write(port);
            return taken;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException(
                    "cannot lock the agent home " + home.root() + " (" + file + "): " + e.getMessage()
                            + "; pass --home with a directory the agent's user may write",
                    e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /** The API's port, known once it listens (the configured one may be 0: any free port). */
    public void announcePort(int port) {
        try {
            write(port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the agent's port to the home's lock file", e);
        }
    }

    private void write(int port) throws IOException {
        byte[] content =
                ("pid=" + pid + "\n" + (port > 0 ? "port=" + port + "\n" : "")).getBytes(StandardCharsets.ISO_8859_1);
        // over the old content, then cut to length: a reader never finds it empty
        channel.write(ByteBuffer.wrap(content), 0);
        channel.truncate(content.length);
        channel.force(false);
    }

    /** The holder as its lock file says, waiting a moment for one that has just taken the lock to write it. */
    private static Properties holder(Path file) {
        long deadline = System.nanoTime() + HOLDER_WRITING.toNanos();
        Properties holder = new Properties();
        while (true) {
            try {
                holder.clear();
                holder.load(new java.io.StringReader(Files.readString(file, StandardCharsets.ISO_8859_1)));
            } catch (IOException e) {
                holder.clear();
            }
            if (holder.containsKey("pid") || System.nanoTime() > deadline) {
                return holder;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return holder;
            }
        }
    }

    /** Releases the home: the next agent may take it. */
    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // the channel's close below releases it as well
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing held through it any more
            }
        }
    }

    /** Another agent uses the home; the message names it and says what to do. */
    public static final class HomeInUseException extends RuntimeException {

        HomeInUseException(AgentHome home, Properties holder) {
            super("another agent (pid " + holder.getProperty("pid", "unknown") + ", port "
                    + holder.getProperty("port", "not known yet") + ") is using the home " + home.root()
                    + "; stop it or pass another --home");
        }
    }
}
