package dev.orchestrator.desktop.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.testfx.util.WaitForAsyncUtils;

/** Where the screenshot tests write their PNGs, and how they take one. */
final class Screenshots {

    private Screenshots() {}

    /** {@code docs/screenshots} under {@code -Pscreenshots} (the pom's {@code screenshots.dir}), else target's. */
    static Path directory() throws IOException {
        return Files.createDirectories(Path.of(System.getProperty("screenshots.dir", "target/screenshots")));
    }

    /** The scene as a PNG, once its charts, tables, layout and focus settled. */
    static void save(Scene scene, Path file) throws Exception {
        WaitForAsyncUtils.sleep(600, TimeUnit.MILLISECONDS);
        WritableImage image =
                WaitForAsyncUtils.asyncFx(() -> scene.snapshot(null)).get(10, TimeUnit.SECONDS);
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
    }
}
