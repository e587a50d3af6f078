package io.quarry.core.index;

import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene104.Lucene104HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.util.quantization.QuantizedByteVectorValues.ScalarEncoding;

/**
 * The default Lucene codec with the vector format chosen by {@link IndexSettings}.
 *
 * <p>It keeps the default codec's name, so an index it wrote opens with a plain Lucene reader:
 * per-field vector formats record their own names in the segment.
 */
final class QuarryCodec extends Lucene104Codec {

  private final KnnVectorsFormat vectors;

  QuarryCodec(IndexSettings settings) {
    int m = settings.hnswM();
    int beam = settings.hnswBeamWidth();
    this.vectors = switch (settings.vectorFormat()) {
      case FLOAT32 -> new Lucene99HnswVectorsFormat(m, beam);
      case INT7 -> new Lucene104HnswScalarQuantizedVectorsFormat(ScalarEncoding.SEVEN_BIT, m, beam);
      case INT4 -> new Lucene104HnswScalarQuantizedVectorsFormat(ScalarEncoding.PACKED_NIBBLE, m, beam);
    };
  }

  @Override
  public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
    return vectors;
  }
}
