package dev.orchestrator.model;

/**
 * One entry of a file's top-level {@code pools:} mapping ({@code pools: { warehouse: 4 }}): a pool of slots shared
 * by every task that names it, in every pipeline and on every agent of a cluster. Immutable.
 *
 * @param name the pool's name
 * @param size how many slots it has, at least 1
 * @param at   where the entry stands
 */
public record PoolDeclaration(String name, int size, Position at) {}
