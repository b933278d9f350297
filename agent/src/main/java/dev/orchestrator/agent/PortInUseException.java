package dev.orchestrator.agent;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The API's port is taken by another program: said in one line, with that program's pid when this system tells
 * it (Linux: the listening socket's inode in {@code /proc/net/tcp}, then the process holding it among those whose
 * {@code /proc/PID/fd} this user may read), before the agent starts anything else.
 */
public final class PortInUseException extends RuntimeException {

    private final int port;

    private PortInUseException(int port, Optional<Long> pid) {
        super("port " + port + " is in use"
                + pid.map(found -> " (by pid " + found + ")").orElse("") + "; pass --port");
        this.port = port;
    }

    public int port() {
        return port;
    }

    /** Binds {@code port} for a moment, as the API server will (0 is always free: the system picks one). */
    public static void requireFree(String bindAddress, int port) {
        if (port == 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            // as the API server binds: a port whose last connections are still closing (TIME_WAIT) is free
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(bindAddress, port));
        } catch (BindException e) {
            throw new PortInUseException(port, listenerPid(port));
        } catch (IOException e) {
            // another failure (an address not of this machine): the API server's start reports it
        }
    }

    /** The exception for a bind that failed all the same (another program took the port in between). */
    public static PortInUseException of(int port) {
        return new PortInUseException(port, listenerPid(port));
    }

    /** Whether this failure, or one of its causes, is a bind that failed: the port was taken. */
    static boolean isBindFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    /** The process listening on {@code port}, when /proc says so and its descriptors may be read. */
    static Optional<Long> listenerPid(int port) {
        Set<String> inodes;
        try {
            inodes = listeningInodes(port);
        } catch (IOException e) {
            return Optional.empty(); // not Linux, or /proc hidden
        }
        if (inodes.isEmpty()) {
            return Optional.empty();
        }
        Set<String> links =
                inodes.stream().map(inode -> "socket:[" + inode + "]").collect(Collectors.toSet());
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                if (holdsOneOf(process, links)) {
                    return Optional.of(Long.parseLong(process.getFileName().toString()));
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static boolean holdsOneOf(Path process, Set<String> links) {
        try (DirectoryStream<Path> descriptors = Files.newDirectoryStream(process.resolve("fd"))) {
            for (Path descriptor : descriptors) {
                try {
                    if (links.contains(Files.readSymbolicLink(descriptor).toString())) {
                        return true;
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        } catch (IOException e) {
            // another user's process, or ended meanwhile
        }
        return false;
    }

    /** The inodes of sockets listening (state 0A) on {@code port}, over IPv4 and IPv6. */
    private static Set<String> listeningInodes(int port) throws IOException {
        String hexPort = String.format(Locale.ROOT, ":%04X", port);
        Set<String> inodes = new java.util.HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.isReadable(file)) {
                continue;
            }
            for (String line : Files.readAllLines(file)) {
                String[] fields = line.strip().split("\\s+");
                // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
                if (fields.length > 9 && fields[1].endsWith(hexPort) && fields[3].equals("0A")) {
                    inodes.add(fields[9]);
                }
            }
        }
        return inodes;
    }
}
