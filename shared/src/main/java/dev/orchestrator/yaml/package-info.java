/**
 * Reading pipeline files into the {@code model} with SnakeYAML's node API, so that every value keeps its line and
 * column: {@code PipelineLoader} (directories, files, text and {@code include:}), one reader per part of the
 * format ({@code PipelineReader}, {@code TaskReader}, {@code MappingReader}, ...), {@code ${VAR}} references and
 * {@code .env} files, and the loader's limits ({@code YamlComposer}, {@code NodeBudget}). Structural problems
 * become {@code diagnostic}s and loading goes on; the checks across values are the validator's, which this
 * package does not know.
 */
package dev.orchestrator.yaml;
