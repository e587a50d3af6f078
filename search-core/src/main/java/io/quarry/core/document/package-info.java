/**
 * The document model: {@link io.quarry.core.document.Document} as clients send it, its
 * {@link io.quarry.core.document.PublishDate}, and the sentence-aware
 * {@link io.quarry.core.document.Chunker} that splits it into passages.
 */
package io.quarry.core.document;
