package io.quarry.graph.extract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Enumeration;
import java.util.Properties;
import opennlp.tools.postag.POSModel;
import opennlp.tools.sentdetect.SentenceModel;
import opennlp.tools.tokenize.TokenizerModel;

/**
 * The English sentence, token and POS models, loaded once from the classpath (the {@code
 * opennlp-models-*-en} jars). OpenNLP's language-name constructors would download them at run
 * time, which a server without network cannot do; each jar names its model in a {@code
 * model.properties}, so no version is written here.
 *
 * @param sentences UD English EWT sentence model
 * @param tokens UD English EWT tokenizer model
 * @param pos UD English EWT POS model (universal tags: PROPN, NOUN, ADJ, ...)
 */
public record OpenNlpModels(SentenceModel sentences, TokenizerModel tokens, POSModel pos) {

  private static volatile OpenNlpModels english;

  /** The English models, loaded on first use (about a second), shared after that. */
  public static OpenNlpModels english() {
    OpenNlpModels m = english;
    if (m == null) {
      synchronized (OpenNlpModels.class) {
        if (english == null) {
          english = load();
        }
        m = english;
      }
    }
    return m;
  }

  private static OpenNlpModels load() {
    try {
      return new OpenNlpModels(new SentenceModel(open("-sentence-")), new TokenizerModel(open("-tokens-")),
          new POSModel(open("-pos-")));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the OpenNLP English models from the classpath", e);
    }
  }

  /**
   * The file names of the models in {@code opennlp-models-*-en} 1.3.0, for a shaded jar: shading
   * keeps one of the three {@code model.properties}, so the others' names are known here.
   */
  private static final String VERSION = "-1.3-2.5.4.bin";

  /** The model whose {@code model.name} contains {@code part}, from any jar on the classpath. */
  private static InputStream open(String part) throws IOException {
    ClassLoader loader = OpenNlpModels.class.getClassLoader();
    InputStream known = loader.getResourceAsStream("opennlp-en-ud-ewt" + part.substring(0, part.length() - 1) + VERSION);
    if (known != null) {
      return known;
    }
    Enumeration<URL> all = loader.getResources("model.properties");
    while (all.hasMoreElements()) {
      Properties p = new Properties();
      try (InputStream in = all.nextElement().openStream()) {
        p.load(in);
      }
      String name = p.getProperty("model.name", "");
      if (name.startsWith("opennlp-en-") && name.contains(part)) {
        InputStream model = loader.getResourceAsStream(name);
        if (model != null) {
          return model;
        }
      }
    }
    throw new IOException("no OpenNLP English model '*" + part + "*' on the classpath"
        + " (org.apache.opennlp:opennlp-models-{sentdetect,tokenizer,pos}-en)");
  }
}
