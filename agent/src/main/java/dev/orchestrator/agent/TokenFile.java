package dev.orchestrator.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The API token as the home's token file holds it now: read again whenever the file changed (its inode, size or
 * modification time), so {@code orchestrator token --rotate} takes effect in the running agent at once. A file
 * missing or truncated for a moment keeps the token read last. Thread-safe; a check is one {@code stat}.
 */
final class TokenFile implements Supplier<String> {

    private record Snapshot(Object fileKey, long size, long modified, String token) {}

    private final Path file;
    // read by the API's request threads, replaced by whichever of them sees the file changed
    private volatile Snapshot current;

    TokenFile(Path file, String token) {
        this.file = file;
        this.current = new Snapshot(null, -1, -1, token);
        get();
    }

    @Override
    public String get() {
        Snapshot last = current;
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            return last.token(); // being replaced, or removed: the last token stays until a new one is there
        }
        long modified = attributes.lastModifiedTime().toMillis();
        if (Objects.equals(attributes.fileKey(), last.fileKey())
                && attributes.size() == last.size()
                && modified == last.modified()) {
            return last.token();
        }
        try {
            String token = AgentHome.readToken(file).orElse(last.token());
            current = new Snapshot(attributes.fileKey(), attributes.size(), modified, token);
            return token;
        } catch (IOException e) {
            return last.token();
        }
    }
}
