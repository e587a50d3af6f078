/**
 * The knowledge graph: extraction, an embedded store and a FalkorDB store, and the graph leg.
 * Empty until the graph issue; the module exists so the layout and the dependency direction
 * ({@code graph -> search-core}) are fixed from the start.
 */
package io.quarry.graph;
