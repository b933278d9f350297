package dev.orchestrator.desktop.fleet;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import java.util.ArrayList;
import java.util.List;

/**
 * Two texts side by side, line against line (java-diff-utils' {@link DiffUtils}): the lines they share on one
 * row, a changed line with its old and new text on one row, a line only one side has opposite a blank. No JavaFX;
 * stateless.
 */
public final class SideBySide {

    /** What a row shows. */
    public enum Change {
        SAME,
        CHANGED,
        ONLY_LEFT,
        ONLY_RIGHT
    }

    /**
     * One row: the left line and its number, the right line and its number; a number is 0 where that side has no
     * line on this row.
     */
    public record Row(Change change, int leftNumber, String left, int rightNumber, String right) {}

    private SideBySide() {}

    public static List<Row> of(String left, String right) {
        List<String> before = lines(left);
        List<String> after = lines(right);
        List<Row> rows = new ArrayList<>();
        int leftAt = 0;
        int rightAt = 0;
        for (AbstractDelta<String> delta : DiffUtils.diff(before, after).getDeltas()) {
            while (leftAt < delta.getSource().getPosition()) {
                rows.add(new Row(Change.SAME, leftAt + 1, before.get(leftAt), rightAt + 1, after.get(rightAt)));
                leftAt++;
                rightAt++;
            }
            List<String> removed = delta.getSource().getLines();
            List<String> added = delta.getTarget().getLines();
            for (int line = 0; line < Math.max(removed.size(), added.size()); line++) {
                if (line < removed.size() && line < added.size()) {
                    rows.add(new Row(
                            Change.CHANGED, leftAt + line + 1, removed.get(line), rightAt + line + 1, added.get(line)));
                } else if (line < removed.size()) {
                    rows.add(new Row(Change.ONLY_LEFT, leftAt + line + 1, removed.get(line), 0, ""));
                } else {
                    rows.add(new Row(Change.ONLY_RIGHT, 0, "", rightAt + line + 1, added.get(line)));
                }
            }
            leftAt += removed.size();
            rightAt += added.size();
        }
        while (leftAt < before.size()) {
            rows.add(new Row(Change.SAME, leftAt + 1, before.get(leftAt), rightAt + 1, after.get(rightAt)));
            leftAt++;
            rightAt++;
        }
        return rows;
    }

    /** How many rows differ. */
    public static long changes(List<Row> rows) {
        return rows.stream().filter(row -> row.change() != Change.SAME).count();
    }

    private static List<String> lines(String text) {
        return text == null || text.isEmpty() ? List.of() : text.lines().toList();
    }
}
