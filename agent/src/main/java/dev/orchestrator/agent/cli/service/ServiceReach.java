package dev.orchestrator.agent.cli.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Whether a systemd service running as another user reaches the files it is given: the unit's {@code PrivateTmp}
 * gives it a /tmp of its own (a jar or a directory in the real /tmp is not there), and a home directory whose mode
 * keeps out other users keeps out the service user too. Linux only; reads /etc/passwd and /etc/group. Stateless.
 */
final class ServiceReach {

    private static final List<String> PRIVATE_TMP = List.of("/tmp", "/var/tmp");

    private ServiceReach() {}

    /**
     * What the service user would not reach among {@code paths} (absolute paths; a classpath's {@code :}-joined
     * entries are each checked), each as a sentence saying why and how to fix it; empty when it reaches them all.
     */
    static List<String> problems(String what, List<String> paths, String user) {
        List<String> problems = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String argument : paths) {
            for (String entry : argument.split(":")) {
                if (!entry.startsWith("/") || !seen.add(entry)) {
                    continue;
                }
                Path path = Path.of(entry).normalize();
                // every reason at once: a jar under /tmp in a closed home needs both fixes, said in one go
                privateTmp(path).ifPresent(text -> problems.add(what + " " + path + " " + text));
                unreadable(path, user).ifPresent(text -> problems.add(what + " " + path + " " + text));
            }
        }
        return problems;
    }

    private static Optional<String> privateTmp(Path path) {
        return PRIVATE_TMP.stream()
                .filter(tmp -> path.startsWith(tmp))
                .findFirst()
                .map(tmp -> "is under " + tmp + ", which the service does not see (its unit has PrivateTmp=yes, " + "a "
                        + tmp + " of its own): move it to a lasting place such as /opt/orchestrator");
    }

    /** The first directory on the way (or the file itself) that the user may not enter or read. */
    private static Optional<String> unreadable(Path path, String user) {
        if (user.equals("root")) {
            return Optional.empty();
        }
        Optional<Account> account = Account.of(user);
        Path current = path.getRoot();
        List<Path> steps = new ArrayList<>();
        for (Path part : path) {
            current = current.resolve(part);
            steps.add(current);
        }
        for (int i = 0; i < steps.size(); i++) {
            Path step = steps.get(i);
            boolean last = i == steps.size() - 1;
            PosixFileAttributes attributes;
            try {
                attributes = Files.readAttributes(step, PosixFileAttributes.class);
            } catch (IOException | UnsupportedOperationException e) {
                return Optional.empty(); // missing or not POSIX: other checks say so, or there is nothing to tell
            }
            boolean directory = attributes.isDirectory();
            // a directory on the way needs x; the end needs r (and x for a directory, to list and open what is in it)
            boolean needsRead = last;
            boolean needsExecute = !last || directory;
            if (!allowed(attributes, account, user, needsRead, needsExecute)) {
                return Optional.of("cannot be read by the service's user '" + user + "': " + step + " is "
                        + java.nio.file.attribute.PosixFilePermissions.toString(attributes.permissions()) + " ("
                        + attributes.owner().getName() + ":"
                        + attributes.group().getName() + "); move it "
                        + "to a place every user may read (such as /opt/orchestrator), or let other users "
                        + (directory ? "enter" : "read") + " it (chmod o+" + (directory ? "rx" : "r") + " " + step
                        + ")");
            }
        }
        return Optional.empty();
    }

    private static boolean allowed(
            PosixFileAttributes attributes, Optional<Account> account, String user, boolean read, boolean execute) {
        Set<PosixFilePermission> permissions = attributes.permissions();
        PosixFilePermission readBit;
        PosixFilePermission executeBit;
        if (attributes.owner().getName().equals(user)) {
            readBit = PosixFilePermission.OWNER_READ;
            executeBit = PosixFilePermission.OWNER_EXECUTE;
        } else if (account.map(
                        found -> found.groups().contains(attributes.group().getName()))
                .orElse(false)) {
            readBit = PosixFilePermission.GROUP_READ;
            executeBit = PosixFilePermission.GROUP_EXECUTE;
        } else {
            readBit = PosixFilePermission.OTHERS_READ;
            executeBit = PosixFilePermission.OTHERS_EXECUTE;
        }
        return (!read || permissions.contains(readBit)) && (!execute || permissions.contains(executeBit));
    }

    /** A user's groups by name: the primary one of /etc/passwd and those /etc/group lists it in. */
    private record Account(Set<String> groups) {

        static Optional<Account> of(String user) {
            try {
                Optional<String> primaryId = lines("/etc/passwd")
                        .map(line -> line.split(":", -1))
                        .filter(fields -> fields.length > 3 && fields[0].equals(user))
                        .map(fields -> fields[3])
                        .findFirst();
                if (primaryId.isEmpty()) {
                    return Optional.empty(); // created by the install: a group of its own, nobody else's files
                }
                Set<String> groups = new LinkedHashSet<>();
                lines("/etc/group")
                        .map(line -> line.split(":", -1))
                        .filter(fields -> fields.length > 3)
                        .filter(fields -> fields[2].equals(primaryId.get())
                                || List.of(fields[3].split(",")).contains(user))
                        .forEach(fields -> groups.add(fields[0]));
                return Optional.of(new Account(groups));
            } catch (IOException e) {
                return Optional.empty();
            }
        }

        private static Stream<String> lines(String file) throws IOException {
            return Files.readAllLines(Path.of(file)).stream();
        }
    }
}
