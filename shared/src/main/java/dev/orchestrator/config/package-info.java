/**
 * Loading and validating in one call ({@code PipelineConfigReader}) and its result ({@code PipelineConfig}: every
 * file with its pipelines and problems, and the secrets to mask). The entry point that the agent, the command
 * line and the editor use; it composes {@code yaml} and {@code validation} and adds no rule of its own.
 */
package dev.orchestrator.config;
