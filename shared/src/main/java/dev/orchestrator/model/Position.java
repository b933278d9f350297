package dev.orchestrator.model;

/**
 * A place in a pipeline file: 1-based line and column, as editors and compilers count them.
 *
 * @param file   the file as the user named it (relative to where they ran the command, when it was given so)
 * @param line   1-based line
 * @param column 1-based column
 */
public record Position(String file, int line, int column) {

    public static Position startOf(String file) {
        return new Position(file, 1, 1);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
