package dev.orchestrator.agent.pipeline;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.util.List;

/** The unified diff of two texts ({@code diff -u}, three lines of context), computed by java-diff-utils. */
public final class UnifiedDiff {

    private static final int CONTEXT_LINES = 3;

    private UnifiedDiff() {}

    /**
     * @return the diff's lines, each ended by {@code \n}, headed {@code --- nameA} and {@code +++ nameB}; empty when
     *     the texts have the same lines
     */
    public static String of(String nameA, String textA, String nameB, String textB) {
        List<String> linesA = textA.lines().toList();
        List<String> linesB = textB.lines().toList();
        Patch<String> patch = DiffUtils.diff(linesA, linesB);
        if (patch.getDeltas().isEmpty()) {
            return "";
        }
        List<String> lines = UnifiedDiffUtils.generateUnifiedDiff(nameA, nameB, linesA, patch, CONTEXT_LINES);
        return String.join("\n", lines) + "\n";
    }
}
