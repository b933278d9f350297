/**
 * The YAML editor screen: CodeMirror in a WebView ({@code CodeEditor}), live validation by the shared validator,
 * completion, the DAG and next-fire preview, and saving to an agent after a diff ({@code EditorModel},
 * {@code EditorView}).
 */
package dev.orchestrator.desktop.editor;
