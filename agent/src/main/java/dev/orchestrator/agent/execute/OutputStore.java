package dev.orchestrator.agent.execute;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.agent.file.OwnerOnlyFiles;
import dev.orchestrator.agent.store.StoredOutput;
import dev.orchestrator.secret.SecretMasker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Turns task outputs into stored JSON and back: inline in the database up to {@value #INLINE_LIMIT} characters,
 * spilled to a file under the output directory beyond. What is stored is masked, like everything else.
 * Thread-safe.
 */
final class OutputStore {

    static final int INLINE_LIMIT = 64 * 1024;

    private final ObjectMapper json;
    private final Path directory;

    OutputStore(ObjectMapper json, Path directory) {
        this.json = json;
        this.directory = directory;
    }

    Optional<StoredOutput> store(String runId, String taskId, Object output, SecretMasker masker) {
        if (output == null) {
            return Optional.empty();
        }
        String text;
        try {
            text = json.writeValueAsString(masker.maskTree(json.convertValue(output, Object.class)));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // not representable as JSON: its text form is what can be shown
            text = json.valueToTree(masker.mask(String.valueOf(output))).toString();
        }
        if (text.length() <= INLINE_LIMIT) {
            return Optional.of(new StoredOutput(Optional.of(text), Optional.empty(), text.length()));
        }
        Path file = directory.resolve(runId).resolve(taskId + ".json");
        try {
            OwnerOnlyFiles.createDirectories(file.getParent());
            OwnerOnlyFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spill the output of task " + taskId + " to " + file, e);
        }
        return Optional.of(new StoredOutput(Optional.empty(), Optional.of(file.toString()), text.length()));
    }

    Object load(StoredOutput stored) {
        try {
            String text = stored.json().isPresent()
                    ? stored.json().get()
                    : Files.readString(Path.of(stored.file().orElseThrow()), StandardCharsets.UTF_8);
            return json.readValue(text, Object.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a stored output: " + e.getMessage(), e);
        }
    }

    /** Removes the spilled outputs of purged runs. */
    void delete(String runId) {
        Path runDirectory = directory.resolve(runId);
        if (!Files.isDirectory(runDirectory)) {
            return;
        }
        try (var files = Files.walk(runDirectory)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete outputs in " + runDirectory, e);
        }
    }
}
