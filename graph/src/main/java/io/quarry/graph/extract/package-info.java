/**
 * Extraction: what a document's passages say, as entities and relations. {@link
 * io.quarry.graph.extract.OpenNlpExtractor} needs no LLM and no network (the default).
 */
package io.quarry.graph.extract;
