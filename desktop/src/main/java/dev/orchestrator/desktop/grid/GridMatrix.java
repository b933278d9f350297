package dev.orchestrator.desktop.grid;

import dev.orchestrator.api.GridCellDto;
import dev.orchestrator.api.GridDto;
import dev.orchestrator.api.GridRowDto;
import dev.orchestrator.api.GridRunDto;
import dev.orchestrator.api.MapCountsDto;
import dev.orchestrator.desktop.format.Format;
import dev.orchestrator.desktop.graph.NodeState;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The run grid as the console draws it: the columns (runs, newest first) and the rows loaded so far, each cell's
 * state kept in one array so that drawing a frame parses nothing. Immutable, so it is built
 * off the UI thread and handed over whole. Cells of runs a later page has but the first did not (a run started
 * between two pages) are left out: the columns are the first page's.
 */
public final class GridMatrix {

    /** No grid: no pipeline chosen yet. */
    public static final GridMatrix EMPTY =
            new GridMatrix("", "", List.of(), new String[0], new boolean[0], new GridCellDto[0], 0);

    private static final DateTimeFormatter LOGICAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx", Locale.ROOT);

    private final String agent;
    private final String pipelineId;
    private final List<GridRunDto> runs;
    private final String[] tasks;
    private final boolean[] maps;
    private final GridCellDto[] cells;
    private final NodeState[] states;
    private final int totalTasks;

    private GridMatrix(
            String agent,
            String pipelineId,
            List<GridRunDto> runs,
            String[] tasks,
            boolean[] maps,
            GridCellDto[] cells,
            int totalTasks) {
        this.agent = agent;
        this.pipelineId = pipelineId;
        this.runs = List.copyOf(runs);
        this.tasks = tasks;
        this.maps = maps;
        this.cells = cells;
        this.totalTasks = totalTasks;
        this.states = new NodeState[cells.length];
        for (int i = 0; i < cells.length; i++) {
            states[i] = cells[i] == null
                    ? null
                    : NodeState.fromName(cells[i].state()).orElse(NodeState.PENDING);
        }
    }

    /** The grid of the pages read so far from {@code agent}, in order; the first page's runs are the columns. */
    public static GridMatrix of(String agent, String pipelineId, List<GridDto> pages) {
        if (pages.isEmpty()) {
            return new GridMatrix(agent, pipelineId, List.of(), new String[0], new boolean[0], new GridCellDto[0], 0);
        }
        List<GridRunDto> runs = pages.get(0).runs();
        Map<String, Integer> columnOf = new HashMap<>();
        for (int i = 0; i < runs.size(); i++) {
            columnOf.put(runs.get(i).runId(), i);
        }
        List<GridRowDto> rows = new ArrayList<>();
        pages.forEach(page -> rows.addAll(page.tasks()));
        int columns = runs.size();
        String[] tasks = new String[rows.size()];
        boolean[] maps = new boolean[rows.size()];
        GridCellDto[] cells = new GridCellDto[rows.size() * columns];
        int row = 0;
        for (GridDto page : pages) {
            int[] target = new int[page.runs().size()];
            for (int i = 0; i < target.length; i++) {
                target[i] = columnOf.getOrDefault(page.runs().get(i).runId(), -1);
            }
            for (GridRowDto task : page.tasks()) {
                tasks[row] = task.taskId();
                maps[row] = task.map();
                for (int i = 0; i < target.length && i < task.cells().size(); i++) {
                    if (target[i] >= 0) {
                        cells[row * columns + target[i]] = task.cells().get(i);
                    }
                }
                row++;
            }
        }
        return new GridMatrix(
                agent,
                pipelineId,
                runs,
                tasks,
                maps,
                cells,
                pages.get(pages.size() - 1).totalTasks());
    }

    public String agent() {
        return agent;
    }

    public String pipelineId() {
        return pipelineId;
    }

    public int rowCount() {
        return tasks.length;
    }

    public int columnCount() {
        return runs.size();
    }

    /** How many rows the pipeline has in all; more than {@link #rowCount()} while pages are still coming. */
    public int totalTasks() {
        return totalTasks;
    }

    public String task(int row) {
        return tasks[row];
    }

    /** A {@code for_each} task: its cells show item counts. */
    public boolean isMap(int row) {
        return maps[row];
    }

    public GridRunDto run(int column) {
        return runs.get(column);
    }

    public Optional<GridCellDto> cell(int row, int column) {
        return Optional.ofNullable(cells[row * runs.size() + column]);
    }

    /**
     * The cell's state, an unknown one as {@code pending}; {@code null} where the run has no such task. Read for every
     * cell of every frame, hence no {@code Optional}.
     */
    public NodeState state(int row, int column) {
        return states[row * runs.size() + column];
    }

    /** The run's state as a {@link NodeState}; a state the console does not know is drawn as pending. */
    public NodeState runState(int column) {
        return NodeState.fromName(runs.get(column).status()).orElse(NodeState.PENDING);
    }

    /** What the tooltip of a cell says: the task, the run, and how the task went in it. */
    public String describe(int row, int column) {
        GridRunDto run = runs.get(column);
        String header = tasks[row] + " in run " + run.runId() + "\nlogical time "
                + (run.logicalTime() == null ? "—" : LOGICAL.format(run.logicalTime())) + " · run "
                + run.status() + " · agent " + run.agentId();
        Optional<GridCellDto> cell = cell(row, column);
        if (cell.isEmpty()) {
            return header + "\nnot in this run (the task was added after it, or removed before)";
        }
        GridCellDto found = cell.get();
        StringBuilder text = new StringBuilder(header).append('\n').append(found.state());
        text.append(" · ")
                .append(found.attempts())
                .append(found.attempts() == 1 ? " attempt" : " attempts")
                .append(" · ")
                .append(Format.duration(found.durationMs()));
        if (found.items() != null) {
            MapCountsDto items = found.items();
            text.append('\n')
                    .append(items.total())
                    .append(" items: ")
                    .append(items.done())
                    .append(" done, ")
                    .append(items.failed())
                    .append(" failed, ")
                    .append(items.running())
                    .append(" running, ")
                    .append(items.waiting())
                    .append(" waiting");
        }
        if (found.error() != null) {
            text.append('\n').append(found.error());
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return "GridMatrix[" + pipelineId + " on " + agent + ": " + tasks.length + " of " + totalTasks + " tasks × "
                + runs.size() + " runs, " + Arrays.toString(Arrays.copyOf(tasks, Math.min(3, tasks.length))) + "…]";
    }
}
