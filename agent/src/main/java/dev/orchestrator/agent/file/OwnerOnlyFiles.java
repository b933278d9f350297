package dev.orchestrator.agent.file;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Files and directories that only their owner may use: what the agent keeps in its home (database, log, token,
 * outputs) is nobody else's business on a shared machine. Java cannot set the process's umask, so each file is
 * made owner-only when it is created, and what others created (H2, an earlier version) is tightened afterwards.
 * On a file system without POSIX permissions (Windows) nothing is changed: there the home's ACLs decide.
 * Stateless and thread-safe.
 */
public final class OwnerOnlyFiles {

    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);
    private static final Set<PosixFilePermission> READ_WRITE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private OwnerOnlyFiles() {}

    /** Creates {@code directory} and its missing parents; each one created here is {@code rwx------}. */
    public static Path createDirectories(Path directory) throws IOException {
        Path absolute = directory.toAbsolutePath().normalize();
        List<Path> missing = new ArrayList<>();
        for (Path path = absolute; path != null && !Files.isDirectory(path); path = path.getParent()) {
            missing.add(0, path);
        }
        for (Path path : missing) {
            try {
                Files.createDirectory(path);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (!Files.isDirectory(path)) {
                    throw e;
                }
                continue; // made meanwhile by another thread: its creator set its mode
            }
            setIfPosix(path, DIRECTORY);
        }
        return directory;
    }

    /** Creates {@code file}, empty and {@code rw-------}, unless it exists; an existing file keeps its mode. */
    public static void createFile(Path file) throws IOException {
        try {
            Files.createFile(file);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            return;
        }
        setIfPosix(file, READ_WRITE);
    }

    /** Writes {@code bytes} to {@code file}, made {@code rw-------} before the first byte is in it. */
    public static void write(Path file, byte[] bytes) throws IOException {
        createFile(file);
        restrict(file);
        Files.write(file, bytes, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
    }

    /** Takes the group's and others' permissions away from {@code path}; its owner's stay as they are. */
    public static boolean restrict(Path path) throws IOException {
        PosixFileAttributeView links =
                Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (links == null) {
            return false;
        }
        PosixFileAttributes attributes = links.readAttributes(); // lstat: opens nothing
        if (attributes.isSymbolicLink()) {
            return false; // a link's own mode means nothing, and what it points to is not ours to change
        }
        Set<PosixFilePermission> mode = attributes.permissions();
        if (mode.stream().noneMatch(GROUP_OR_OTHERS::contains)) {
            return false;
        }
        mode.removeAll(GROUP_OR_OTHERS);
        // chmod by path, never through a file descriptor: the JDK sets a mode without following links by opening
        // the file, fchmod and close, and closing any descriptor of a file drops every POSIX lock this process
        // holds on it: the embedded database's lock on its own file, so a second agent could open it at once
        Files.getFileAttributeView(path, PosixFileAttributeView.class).setPermissions(mode);
        return true;
    }

    /**
     * What {@link #tighten} did.
     *
     * @param tightened the paths that group or others could use, now restricted
     * @param refused   the paths whose mode could not be changed (owned by another user, say), with the reason
     */
    public record Tightening(List<Path> tightened, List<String> refused) {}

    /**
     * Restricts {@code root} and everything under it (symbolic links are left alone, and not followed), as
     * {@link #restrict}; a file that goes away meanwhile is skipped, one whose mode cannot be changed is
     * reported and the others are restricted all the same.
     *
     * @throws IOException when a directory cannot be listed
     */
    public static Tightening tighten(Path root) throws IOException {
        List<Path> tightened = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return new Tightening(tightened, refused);
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes)
                    throws IOException {
                visit(directory);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                if (!attributes.isSymbolicLink()) {
                    visit(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE; // a temporary file of H2 or a run's scratch, gone meanwhile
                }
                throw e;
            }

            private void visit(Path path) throws IOException {
                try {
                    if (restrict(path)) {
                        tightened.add(path);
                    }
                } catch (NoSuchFileException e) {
                    // gone between listing and changing: nothing left to protect
                } catch (IOException e) {
                    refused.add(path + " (" + e + ")");
                }
            }
        });
        return new Tightening(List.copyOf(tightened), List.copyOf(refused));
    }

    private static void setIfPosix(Path path, Set<PosixFilePermission> mode) throws IOException {
        PosixFileAttributeView view =
                Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (view != null) {
            view.setPermissions(mode);
        }
    }
}
