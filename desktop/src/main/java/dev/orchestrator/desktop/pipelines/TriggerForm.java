package dev.orchestrator.desktop.pipelines;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.util.StringConverter;

/**
 * The trigger dialog's form: per parameter a label, the control its type asks for (a date picker, a choice box,
 * a check box, a text field) and the problem beside it. Controls are named {@code param-<name>}, problems
 * {@code param-<name>-problem}.
 */
final class TriggerForm extends GridPane {

    private static final double CONTROL_WIDTH = 240;
    private static final double PROBLEM_WIDTH = 260;

    private final TriggerFormModel model;

    TriggerForm(TriggerFormModel model) {
        this.model = model;
        createView();
    }

    private void createView() {
        setHgap(8);
        setVgap(6);
        // names whole, controls wide enough for a template such as {{ yesterday }}, problems wrapped beside them
        ColumnConstraints names = new ColumnConstraints();
        names.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints controls = new ColumnConstraints(CONTROL_WIDTH);
        ColumnConstraints problems = new ColumnConstraints(PROBLEM_WIDTH);
        getColumnConstraints().setAll(names, controls, problems);
        int row = 0;
        for (TriggerFormModel.Field field : model.fields()) {
            Label name = new Label(field.name()
                    + field.typeName().map(type -> " (" + type + ")").orElse("")
                    + (field.required() ? " *" : ""));
            if (!field.description().isEmpty()) {
                name.setTooltip(new Tooltip(field.description()));
            }
            Control control = control(field);
            control.setId("param-" + field.name());
            if (!(control instanceof CheckBox)) {
                control.setMaxWidth(Double.MAX_VALUE);
            }
            Label problem = new Label();
            problem.setId("param-" + field.name() + "-problem");
            problem.getStyleClass().add("error-text");
            problem.setWrapText(true);
            problem.textProperty().bind(field.problemProperty());
            addRow(row++, name, control, problem);
            if (!field.description().isEmpty()) {
                Label description = new Label(field.description());
                description.getStyleClass().add("muted");
                description.setWrapText(true);
                add(description, 1, row++, 2, 1);
            }
        }
        if (!model.typed()) {
            TextArea extra = new TextArea();
            extra.setId("trigger-params");
            extra.setPromptText("more parameters, one per line:\nregion=north\nlimit=100");
            extra.setPrefRowCount(4);
            extra.textProperty().bindBidirectional(model.extraProperty());
            Label problem = new Label();
            problem.getStyleClass().add("error-text");
            problem.textProperty().bind(model.extraProblemProperty());
            add(new Label("More (name=value)"), 0, row);
            add(extra, 1, row, 2, 1);
            add(problem, 1, row + 1, 2, 1);
        }
    }

    private static Control control(TriggerFormModel.Field field) {
        return switch (field.kind()) {
            case BOOLEAN -> {
                CheckBox box = new CheckBox();
                box.setSelected(Boolean.parseBoolean(field.textProperty().get()));
                box.selectedProperty()
                        .addListener((observable, before, now) ->
                                field.textProperty().set(String.valueOf(now)));
                yield box;
            }
            case CHOICE -> {
                ComboBox<String> choices = new ComboBox<>();
                choices.getItems().setAll(field.choices());
                choices.setValue(field.textProperty().get());
                choices.valueProperty()
                        .addListener((observable, before, now) ->
                                field.textProperty().set(now));
                yield choices;
            }
            case DATE -> datePicker(field);
            default -> {
                TextField text = new TextField();
                text.setPromptText(
                        field.kind() == TriggerFormModel.Kind.TEXT
                                ? ""
                                : field.kind().name().toLowerCase(java.util.Locale.ROOT));
                text.textProperty().bindBidirectional(field.textProperty());
                yield text;
            }
        };
    }

    /**
     * An editable date picker whose text is the field's: a template such as {@code {{ yesterday }}} stays as typed
     * (the converter shows the field's text for a value that is no date, instead of clearing it).
     */
    private static DatePicker datePicker(TriggerFormModel.Field field) {
        DatePicker picker = new DatePicker();
        picker.setEditable(true);
        picker.setConverter(new StringConverter<>() {
            @Override
            public String toString(LocalDate date) {
                return date == null ? field.textProperty().get() : date.toString();
            }

            @Override
            public LocalDate fromString(String text) {
                try {
                    return text == null || text.isBlank() ? null : LocalDate.parse(text.strip());
                } catch (DateTimeParseException e) {
                    return null; // a template or a mistake: the field's check says which
                }
            }
        });
        picker.getEditor().setText(field.textProperty().get());
        picker.getEditor()
                .textProperty()
                .addListener((observable, before, now) -> field.textProperty().set(now));
        picker.valueProperty().addListener((observable, before, now) -> {
            if (now != null) {
                picker.getEditor().setText(now.toString());
            }
        });
        return picker;
    }
}
