package dev.orchestrator.desktop.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.desktop.fleet.SideBySide.Change;
import dev.orchestrator.desktop.fleet.SideBySide.Row;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Two texts line against line, numbered on each side. */
class SideBySideTest {

    @Test
    void aChangedLineIsOneRowWithItsOldAndNewText() {
        List<Row> rows = SideBySide.of("a\nb <one>\nc\n", "a\nb <two>\nc\n");

        assertThat(rows)
                .containsExactly(
                        new Row(Change.SAME, 1, "a", 1, "a"),
                        new Row(Change.CHANGED, 2, "b <one>", 2, "b <two>"),
                        new Row(Change.SAME, 3, "c", 3, "c"));
        assertThat(SideBySide.changes(rows)).isEqualTo(1);
    }

    @Test
    void aLineOnlyOneSideHasStandsOppositeABlankAndTheNumbersFollowEachSide() {
        List<Row> rows = SideBySide.of("a\nold\nb\nc", "a\nb\nnew\nc");

        assertThat(rows)
                .containsExactly(
                        new Row(Change.SAME, 1, "a", 1, "a"),
                        new Row(Change.ONLY_LEFT, 2, "old", 0, ""),
                        new Row(Change.SAME, 3, "b", 2, "b"),
                        new Row(Change.ONLY_RIGHT, 0, "", 3, "new"),
                        new Row(Change.SAME, 4, "c", 4, "c"));
    }

    @Test
    void aChangeOfUnequalLengthPairsWhatItCanAndLeavesTheRestOnItsSide() {
        List<Row> rows = SideBySide.of("a\nx\nz", "a\ny1\ny2\ny3\nz");

        assertThat(rows)
                .containsExactly(
                        new Row(Change.SAME, 1, "a", 1, "a"),
                        new Row(Change.CHANGED, 2, "x", 2, "y1"),
                        new Row(Change.ONLY_RIGHT, 0, "", 3, "y2"),
                        new Row(Change.ONLY_RIGHT, 0, "", 4, "y3"),
                        new Row(Change.SAME, 3, "z", 5, "z"));
    }

    @Test
    void theSameTextsHaveNoChange() {
        assertThat(SideBySide.changes(SideBySide.of("a\nb", "a\nb"))).isZero();
        assertThat(SideBySide.of("", "")).isEmpty();
    }
}
