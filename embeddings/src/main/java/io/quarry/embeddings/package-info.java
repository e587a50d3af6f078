/**
 * Text encoders that implement search-core's {@link io.quarry.core.spi.TextEncoder} SPI.
 *
 * <p>{@link io.quarry.embeddings.EmbeddingModels} is the registry the server wires from: it maps a
 * model id from configuration to an encoder.
 *
 * <ul>
 *   <li>{@code bge-small-en-v1.5-q} (default) and {@code all-minilm-l6-v2-q}: in-process int8 ONNX
 *       models shipped inside langchain4j's Maven jars, run by the batched {@link
 *       io.quarry.embeddings.onnx.OnnxBertEncoder};
 *   <li>{@code onnx-dir:<path>}: a user's own BERT-style model ({@code model.onnx} + {@code
 *       tokenizer.json}) run by the same encoder;
 *   <li>{@code ollama:<model>}: an Ollama server through langchain4j-ollama, adapted by {@link
 *       io.quarry.embeddings.langchain.LangchainEncoder}.
 * </ul>
 *
 * <p>{@link io.quarry.embeddings.cache.CachingEncoder} wraps any of them with an on-disk passage
 * cache and an in-memory query cache, so that re-indexing unchanged text costs no inference.
 *
 * <p>Every encoder returns unit-length vectors in input order; failures surface as {@link
 * io.quarry.embeddings.EmbeddingException}.
 */
package io.quarry.embeddings;
