/**
 * Adapters from langchain4j's {@code EmbeddingModel} to Quarry's encoder SPI.
 *
 * <p>{@link io.quarry.embeddings.langchain.LangchainEncoder} adapts any langchain4j embedding model
 * (adds an optional query prefix, batches passages through {@code embedAll}, checks counts and
 * dimensions, L2-normalises). {@link io.quarry.embeddings.langchain.OllamaEncoders} builds one over
 * an Ollama server ({@code POST /api/embed}) from an {@link
 * io.quarry.embeddings.langchain.OllamaConfig}.
 */
package io.quarry.embeddings.langchain;
