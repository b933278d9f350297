package dev.orchestrator.desktop.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * A task's whole output (or one map item's), read from the agent when asked, not with the run: the JSON as a tree,
 * its rows when it is a list of objects, and saving it as JSON or CSV. Reading, making rows of a big list and
 * writing files run on the I/O executor; the properties change on the UI executor.
 */
public final class FullOutputModel {

    private final String title;
    private final String fileName;
    private final Supplier<JsonNode> source;
    private final Executor io;
    private final Executor ui;
    private final ReadOnlyObjectWrapper<JsonNode> output = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<OutputRows> rows = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("Reading the output…");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();

    /**
     * @param title    what the output is of, for people: {@code "task load of run run_20260101_0001"}
     * @param fileName the file name a save suggests, without extension
     * @param source   reads the output from the agent (blocking)
     */
    FullOutputModel(String title, String fileName, Supplier<JsonNode> source, Executor io, Executor ui) {
        this.title = title;
        this.fileName = fileName;
        this.source = source;
        this.io = io;
        this.ui = ui;
    }

    /** Reads the output in the background. */
    public FullOutputModel load() {
        loading.set(true);
        problem.set(null);
        io.execute(() -> {
            try {
                JsonNode read = source.get();
                OutputRows table = OutputRows.of(read).orElse(null);
                String described = describe(read, table);
                ui.execute(() -> {
                    output.set(read);
                    rows.set(table);
                    summary.set(described);
                    loading.set(false);
                });
            } catch (RuntimeException e) {
                ui.execute(() -> {
                    problem.set("cannot read the output of " + title + ": " + e.getMessage());
                    summary.set("The output could not be read");
                    loading.set(false);
                });
            }
        });
        return this;
    }

    static String describe(JsonNode output, OutputRows table) {
        NumberFormat number = NumberFormat.getIntegerInstance(Locale.ROOT);
        number.setGroupingUsed(true);
        if (table != null) {
            return "A list of " + number.format(table.rows().size()) + " rows × "
                    + table.columns().size() + (table.columns().size() == 1 ? " column" : " columns");
        }
        if (output.isArray()) {
            return "A list of " + number.format(output.size()) + (output.size() == 1 ? " value" : " values");
        }
        if (output.isObject()) {
            return "An object of " + number.format(output.size()) + (output.size() == 1 ? " key" : " keys");
        }
        return "A single value";
    }

    /** Writes the output's JSON to {@code target}, in the background; the outcome goes to {@code report}. */
    public void saveJson(Path target, Consumer<String> report) {
        JsonNode current = output.get();
        if (current == null) {
            return;
        }
        save(target, report, () -> {
            OutputFiles.writeJson(current, target);
            return "Saved the output of " + title + " to " + target;
        });
    }

    /** Writes the output's rows as CSV to {@code target}, in the background; only for a list of objects. */
    public void saveCsv(Path target, Consumer<String> report) {
        OutputRows current = rows.get();
        if (current == null) {
            return;
        }
        save(target, report, () -> {
            long written = OutputFiles.writeCsv(current, target);
            return "Saved " + written + (written == 1 ? " row" : " rows") + " of " + title + " to " + target;
        });
    }

    private interface Save {
        String run() throws IOException;
    }

    private void save(Path target, Consumer<String> report, Save save) {
        io.execute(() -> {
            try {
                String done = save.run();
                ui.execute(() -> report.accept(done));
            } catch (IOException | RuntimeException e) {
                ui.execute(() -> report.accept("cannot save to " + target + ": " + e.getMessage()));
            }
        });
    }

    public String title() {
        return title;
    }

    /** The name a save suggests, without extension. */
    public String fileName() {
        return fileName;
    }

    /** The output, once read. */
    public ReadOnlyObjectProperty<JsonNode> outputProperty() {
        return output.getReadOnlyProperty();
    }

    /** Its rows, when it is a list of objects; else null. */
    public ReadOnlyObjectProperty<OutputRows> rowsProperty() {
        return rows.getReadOnlyProperty();
    }

    /** What the output is, in words: "A list of 100,000 rows × 3 columns". */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }
}
