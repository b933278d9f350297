package dev.orchestrator.desktop.shell;

import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/**
 * The console's keyboard: Ctrl+1…9 for the sidebar's screens, top to bottom, Ctrl+S to save in the editor,
 * F5 to reload from every agent, Ctrl+T to trigger the selected pipeline, Ctrl+Shift+D for the dark theme.
 */
final class WindowShortcuts {

    private WindowShortcuts() {}

    static void install(
            Scene scene, List<ToggleButton> screens, Runnable save, Runnable reload, Runnable trigger, Runnable theme) {
        var accelerators = scene.getAccelerators();
        for (int i = 0; i < screens.size() && i < 9; i++) {
            accelerators.put(
                    new KeyCodeCombination(KeyCode.valueOf("DIGIT" + (i + 1)), KeyCombination.SHORTCUT_DOWN),
                    screens.get(i)::fire);
        }
        accelerators.put(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN), save);
        accelerators.put(new KeyCodeCombination(KeyCode.F5), reload);
        accelerators.put(new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN), trigger);
        accelerators.put(
                new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), theme);
    }
}
