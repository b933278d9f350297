package dev.orchestrator.desktop.editor;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.diagnostic.Diagnostic;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.concurrent.Worker;
import javafx.scene.layout.StackPane;
import javafx.scene.web.WebEngine;
import javafx.scene.web.WebView;
import netscape.javascript.JSObject;

/**
 * CodeMirror 5 in a WebView: YAML highlighting, line numbers, problem markers in the gutter and under the
 * text, completion on Ctrl+Space and while typing. CodeMirror's scripts and styles come from its webjar on
 * the class path and are put into the page itself, so the page needs no URL that a packaged app may not
 * resolve. JavaScript calls Java through one bridge object, held here so it is never collected.
 */
public final class CodeEditor extends StackPane {

    private static final String WEBJAR = "META-INF/resources/webjars/codemirror/5.62.2/";
    private static final List<String> STYLES = List.of(
            "lib/codemirror.css", "addon/lint/lint.css", "addon/hint/show-hint.css", "theme/material-darker.css");
    private static final List<String> SCRIPTS =
            List.of("lib/codemirror.js", "mode/yaml/yaml.js", "addon/lint/lint.js", "addon/hint/show-hint.js");

    private final WebView web = new WebView();
    private final WebEngine engine = web.getEngine();
    private final ObjectMapper json = new ObjectMapper();
    private final BooleanProperty ready = new SimpleBooleanProperty();
    private final Bridge bridge;
    private String pendingText;
    private List<Diagnostic> pendingProblems = List.of();
    private boolean dark;

    /** What JavaScript may call. Public, with no field named like a method (the WebView's rule). */
    public static final class Bridge {
        private final Consumer<String> onChange;
        private final Completions.Source completions;

        Bridge(Consumer<String> onChange, Completions.Source completions) {
            this.onChange = onChange;
            this.completions = completions;
        }

        public void changed(String text) {
            onChange.accept(text);
        }

        public String complete(String text, int line, int column) {
            Completions.Offer offer = completions.get().at(text, line, column);
            return "{\"from\":" + offer.from() + ",\"to\":" + offer.to() + ",\"words\":" + toJson(offer.words()) + "}";
        }

        private static String toJson(List<String> words) {
            try {
                return new ObjectMapper().writeValueAsString(words);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                return "[]";
            }
        }
    }

    /**
     * @param onChange    told the whole text after each edit by the user
     * @param completions what to offer at the cursor
     */
    public CodeEditor(Consumer<String> onChange, Completions.Source completions) {
        this.bridge = new Bridge(onChange, completions);
        getStyleClass().add("code-editor");
        web.setContextMenuEnabled(false);
        getChildren().add(web);
        engine.getLoadWorker().stateProperty().addListener((observable, old, state) -> {
            if (state == Worker.State.SUCCEEDED) {
                ((JSObject) engine.executeScript("window")).setMember("bridge", bridge);
                ready.set(true);
                call("setDark", dark);
                if (pendingText != null) {
                    setText(pendingText);
                }
                showProblems(pendingProblems);
            }
        });
        engine.loadContent(page());
    }

    private static String page() {
        String html = resource("dev/orchestrator/desktop/editor/editor.html");
        StringBuilder css = new StringBuilder();
        STYLES.forEach(path -> css.append(resource(WEBJAR + path)).append('\n'));
        StringBuilder js = new StringBuilder();
        SCRIPTS.forEach(path -> js.append(resource(WEBJAR + path)).append(";\n"));
        return html.replace("/*CSS*/", css).replace("/*JS*/", js);
    }

    private static String resource(String path) {
        try (InputStream in = CodeEditor.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the class path (the CodeMirror webjar)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces the text without telling {@code onChange} (it is not an edit by the user). */
    public void setText(String text) {
        if (!ready.get()) {
            pendingText = text;
            return;
        }
        pendingText = null;
        call("setText", text);
    }

    public void showProblems(List<Diagnostic> diagnostics) {
        pendingProblems = List.copyOf(diagnostics);
        if (!ready.get()) {
            return;
        }
        List<Map<String, Object>> problems = new ArrayList<>();
        for (Diagnostic diagnostic : diagnostics) {
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("line", diagnostic.line());
            problem.put("column", diagnostic.column());
            problem.put("severity", diagnostic.isError() ? "error" : "warning");
            problem.put("code", diagnostic.code());
            problem.put("message", diagnostic.message());
            problems.add(problem);
        }
        try {
            call("showProblems", json.writeValueAsString(problems));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("diagnostics are plain values", e);
        }
    }

    public void goTo(int line, int column) {
        if (ready.get()) {
            call("goTo", line, column);
            web.requestFocus();
        }
    }

    public void setDark(boolean dark) {
        this.dark = dark;
        if (ready.get()) {
            call("setDark", dark);
        }
    }

    /** The 1-based lines that show a problem marker in the gutter now, as the user sees them. */
    public List<Integer> markerLines() {
        if (!ready.get()) {
            return List.of();
        }
        try {
            return List.of(json.readValue((String) engine.executeScript("markerLines()"), Integer[].class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text the pane shows now; on the FX thread. */
    public String text() {
        return ready.get() ? (String) engine.executeScript("cm.getValue()") : pendingText == null ? "" : pendingText;
    }

    /** Replaces the text through CodeMirror as an edit of the user's, with its change events. */
    public void typeText(String text) {
        try {
            engine.executeScript("cm.setValue(" + json.writeValueAsString(text) + ")");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("text is always JSON", e);
        }
    }

    /** Runs a script in the page and returns its value; on the FX thread (tests drive CodeMirror with it). */
    public Object script(String javaScript) {
        return engine.executeScript(javaScript);
    }

    public BooleanProperty readyProperty() {
        return ready;
    }

    private void call(String function, Object... arguments) {
        JSObject window = (JSObject) engine.executeScript("window");
        window.call(function, arguments);
    }
}
