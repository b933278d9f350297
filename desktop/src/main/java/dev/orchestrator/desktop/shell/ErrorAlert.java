package dev.orchestrator.desktop.shell;

import java.io.PrintWriter;
import java.io.StringWriter;
import javafx.scene.control.Alert;
import javafx.scene.control.TextArea;

/** An error alert with the message, and the stack trace behind "Show details" for a bug report. */
public final class ErrorAlert implements ErrorDialog {

    @Override
    public void show(String threadName, Throwable error) {
        Alert alert = new Alert(Alert.AlertType.ERROR);
        alert.setTitle("Orchestrator console");
        alert.setHeaderText("Something went wrong that the console did not expect (on " + threadName + ")");
        alert.setContentText(String.valueOf(error.getMessage() == null ? error : error.getMessage())
                + "\n\nThe console goes on; the details are also in its log.");
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        TextArea details = new TextArea(trace.toString());
        details.setId("error-details");
        details.setEditable(false);
        details.setPrefRowCount(16);
        alert.getDialogPane().setExpandableContent(details);
        alert.show();
    }
}
