package dev.orchestrator.desktop.run;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where to save a file: the console asks with a save dialog over its window ({@link #dialog}); a test answers with a
 * path of its own. Called on the FX thread.
 */
@FunctionalInterface
public interface SaveTarget {

    /**
     * @param suggested the file name offered, with its extension
     * @param kind      what the file is, for the dialog's filter: {@code JSON} or {@code CSV}
     * @return the file chosen, or empty when the user cancelled
     */
    Optional<Path> choose(String suggested, String kind);

    /** A save dialog over {@code owner}'s window. */
    static SaveTarget dialog(javafx.scene.Node owner) {
        return (suggested, kind) -> {
            javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
            chooser.setTitle("Save the output as " + kind);
            chooser.setInitialFileName(suggested);
            String extension = suggested.substring(suggested.lastIndexOf('.') + 1);
            chooser.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter(kind, "*." + extension));
            java.io.File file = chooser.showSaveDialog(
                    owner.getScene() == null ? null : owner.getScene().getWindow());
            return Optional.ofNullable(file).map(java.io.File::toPath);
        };
    }
}
