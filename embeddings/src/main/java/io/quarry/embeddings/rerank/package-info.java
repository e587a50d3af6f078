/**
 * A cross-encoder {@link io.quarry.core.spi.Reranker} on DJL's PyTorch engine.
 *
 * <p>{@link io.quarry.embeddings.rerank.CrossEncoderReranker#open} loads either
 *
 * <ul>
 *   <li>a Hugging Face checkpoint directory ({@code config.json}, {@code model.safetensors},
 *       {@code tokenizer.json}) of a {@code BertForSequenceClassification} (ms-marco-MiniLM-L-6-v2
 *       and the like) or {@code (XLM)RobertaForSequenceClassification} (bge-reranker-base) model,
 *       run by a forward pass written in DJL NDArray operations ({@code BertForward}) over the
 *       weights {@code NDList.decode} reads from the safetensors file; or
 *   <li>a TorchScript file ({@code forward(input_ids, attention_mask, token_type_ids)} returning
 *       logits) with {@code tokenizer.json} beside it, run by libtorch's JIT.
 * </ul>
 *
 * <p>A call tokenizes every (query, passage) pair with the model's {@code tokenizer.json},
 * truncating the passage side; sorts the pairs by length and cuts them into batches ({@link
 * io.quarry.embeddings.onnx.BatchPlanner}); runs the batches on a bounded pool ({@link
 * io.quarry.embeddings.onnx.InferencePool}); and returns one score per passage in input order:
 * the logit (one label) or the logit of label 1 (two labels). An interrupted caller gets {@link
 * java.util.concurrent.CancellationException} and the batches not yet started are dropped.
 *
 * <p>How to run it is a {@link io.quarry.embeddings.rerank.RerankerConfig} (model path, device
 * {@code auto|cpu|gpu}, max length, batch bounds, workers, threads). The device is chosen once at
 * start-up: a GPU only when the engine sees one, which the CPU build of libtorch on Maven Central
 * never does (see the README's Reranker section for a CUDA libtorch).
 *
 * <p>Correctness is pinned by tests against ONNX Runtime on real weights (all-MiniLM-L6-v2 and
 * bge-small-en-v1.5 converted to safetensors: hidden states agree to 5e-6), hand-computed head
 * arithmetic, a RoBERTa-layout equivalence, a TorchScript archive of the same weights and the
 * {@code RerankerContractTest} every reranker runs.
 */
package io.quarry.embeddings.rerank;
