/**
 * In-process BERT-style bi-encoders on ONNX Runtime, batched by length.
 *
 * <p>{@link io.quarry.embeddings.onnx.OnnxBertEncoder} is the fast path for passages: it tokenizes a
 * whole call with the model's HuggingFace {@code tokenizer.json} (truncating at the model's max
 * length and counting truncations), sorts the texts by token length, cuts them into batches bounded
 * by a batch size and a padded-token budget ({@link io.quarry.embeddings.onnx.BatchPlanner}), runs
 * the batches on a bounded pool of inference workers, pools ({@link
 * io.quarry.embeddings.onnx.Pooling}), L2-normalises and returns vectors in input order.
 *
 * <p>What to load is an {@link io.quarry.embeddings.onnx.OnnxModelSpec} (model id, {@link
 * io.quarry.embeddings.onnx.ModelFiles}, pooling, query prefix, max length); how to run it is an
 * {@link io.quarry.embeddings.onnx.OnnxEncoderConfig} (workers, intra-op threads, batch bounds).
 *
 * <p>The bundled models are int8 dynamically quantized: ONNX Runtime computes one activation scale
 * per tensor, i.e. over the whole batch, so a text's vector depends on its batch-mates. Measured
 * against langchain4j's unbatched output: identical to 1.5e-7 one text per batch; batched 16 at a
 * time, worst cosine 0.9960 for bge-small and 0.9889 for MiniLM (max abs diff 0.018 / 0.026).
 * Callers that need stable vectors for a text embed it once and keep it, which is what {@link
 * io.quarry.embeddings.cache.CachingEncoder} does.
 */
package io.quarry.embeddings.onnx;
