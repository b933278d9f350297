package dev.orchestrator.installer;

import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Toolkit;
import java.awt.image.BufferedImage;
import java.io.File;
import javax.imageio.ImageIO;

/** {@code ScreenCapture FILE.png}: the screen of $DISPLAY, as a PNG. */
public final class ScreenCapture {

    private ScreenCapture() {}

    public static void main(String[] arguments) throws Exception {
        BufferedImage screen = new Robot()
                .createScreenCapture(new Rectangle(Toolkit.getDefaultToolkit().getScreenSize()));
        if (!ImageIO.write(screen, "png", new File(arguments[0]))) {
            throw new IllegalStateException("no PNG writer");
        }
    }
}
