package dev.orchestrator.desktop.run;

import dev.orchestrator.api.TaskDto;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;

/**
 * The run's timeline: one row per task that started, a bar from its start to its end (or to now while it
 * runs), coloured by state, on a common time axis. Drawn on a canvas: a run may have thousands of tasks.
 */
public final class GanttChart extends Region {

    private static final double ROW = 18;
    private static final double LABEL_WIDTH = 170;

    private final Canvas canvas = new Canvas();
    private final Supplier<OffsetDateTime> now;
    private List<TaskDto> tasks = List.of();
    private boolean dark;

    public GanttChart(Supplier<OffsetDateTime> now) {
        this.now = now;
        getStyleClass().add("gantt");
        getChildren().add(canvas);
        widthProperty().addListener(observable -> draw());
    }

    public void setTasks(List<TaskDto> all) {
        this.tasks = all.stream()
                .filter(task -> task.startedAt() != null)
                .sorted(Comparator.comparing(TaskDto::startedAt))
                .toList();
        setPrefHeight(Math.max(60, tasks.size() * ROW + 30));
        requestLayout();
        draw();
    }

    /** Draws again at the supplier's now: a running task's bar and the axis grow. */
    public void refresh() {
        draw();
    }

    public void setDark(boolean dark) {
        this.dark = dark;
        draw();
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        draw();
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double width = canvas.getWidth();
        double height = canvas.getHeight();
        g.clearRect(0, 0, width, height);
        Color text = dark ? Color.web("#c9d1d9") : Color.web("#24292f");
        g.setFont(Font.font(12));
        if (tasks.isEmpty()) {
            g.setFill(text);
            g.fillText("No task has started yet", 8, 20);
            return;
        }
        OffsetDateTime start = tasks.get(0).startedAt();
        OffsetDateTime end = tasks.stream()
                .map(task -> task.finishedAt() != null ? task.finishedAt() : now.get())
                .max(Comparator.naturalOrder())
                .orElse(start);
        double span = Math.max(1, Duration.between(start, end).toMillis());
        double chart = Math.max(10, width - LABEL_WIDTH - 16);
        g.setFill(text);
        g.fillText("0 s", LABEL_WIDTH, 12);
        String total = String.format(java.util.Locale.ROOT, "%.1f s", span / 1000);
        g.fillText(total, LABEL_WIDTH + chart - 40, 12);
        for (int i = 0; i < tasks.size(); i++) {
            TaskDto task = tasks.get(i);
            double y = 20 + i * ROW;
            if (y > height) {
                break;
            }
            g.setFill(text);
            String label = task.taskId().length() > 24 ? task.taskId().substring(0, 23) + "…" : task.taskId();
            g.fillText(label, 4, y + 12);
            OffsetDateTime finished = task.finishedAt() != null ? task.finishedAt() : now.get();
            double x0 = LABEL_WIDTH
                    + chart * Duration.between(start, task.startedAt()).toMillis() / span;
            double x1 = LABEL_WIDTH + chart * Duration.between(start, finished).toMillis() / span;
            g.setFill(colour(task.status()));
            g.fillRoundRect(x0, y + 2, Math.max(2, x1 - x0), ROW - 5, 4, 4);
        }
    }

    static Color colour(String state) {
        return switch (state == null ? "" : state) {
            case "success" -> Color.web("#2da44e");
            case "failed", "timeout", "crashed", "upstream_failed" -> Color.web("#cf222e");
            case "running", "retrying", "queued" -> Color.web("#0969da");
            case "waiting" -> Color.web("#8250df");
            default -> Color.web("#8c959f");
        };
    }
}
