package dev.orchestrator.desktop.graph;

import java.util.HashMap;
import java.util.Map;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

/**
 * Shortens labels with an ellipsis so they fit their box. Measures each character once and adds the widths up
 * (ignoring kerning, which is negligible for ids), because measuring every label as a whole would cost a text
 * layout per node. Use on the FX thread only.
 */
final class LabelFitter {

    static final String ELLIPSIS = "…";

    private final Font font;
    private final Map<Character, Double> characterWidths = new HashMap<>();
    private final Text measure = new Text();

    LabelFitter(Font font) {
        this.font = font;
        measure.setFont(font);
    }

    Font font() {
        return font;
    }

    /** The label itself if it fits {@code maxWidth}, otherwise its longest prefix that fits with "…" after it. */
    String fit(String label, double maxWidth) {
        if (width(label) <= maxWidth) {
            return label;
        }
        double available = maxWidth - width(ELLIPSIS);
        double used = 0;
        int end = 0;
        while (end < label.length()) {
            double next = characterWidth(label.charAt(end));
            if (used + next > available) {
                break;
            }
            used += next;
            end++;
        }
        return label.substring(0, end) + ELLIPSIS;
    }

    double width(String text) {
        double width = 0;
        for (int i = 0; i < text.length(); i++) {
            width += characterWidth(text.charAt(i));
        }
        return width;
    }

    private double characterWidth(char character) {
        return characterWidths.computeIfAbsent(character, this::measure);
    }

    private double measure(char character) {
        measure.setText(String.valueOf(character));
        return measure.getLayoutBounds().getWidth();
    }
}
