/**
 * The HTTP API on embedded Jetty: the server's lifecycle, the routes, the token and Host checks, and one small
 * resource class per resource (runs, pipelines, logs, events, fires, sources, stats, metrics, health, the OpenAPI
 * description), with the shared paging and filters, streaming responses (CSV, server-sent events) and JSON written
 * with every secret masked. The only package that imports the HTTP server; it translates requests into calls on
 * the engine, the schedule and the stores, and holds no engine or store logic of its own.
 */
package dev.orchestrator.agent.api;
