package dev.orchestrator.model;

/** An enum constant as it is spelled in pipeline files and the API ({@code all_success}, {@code run_once}). */
public interface YamlName {

    String yamlName();
}
