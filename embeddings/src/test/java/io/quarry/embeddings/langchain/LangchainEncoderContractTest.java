package io.quarry.embeddings.langchain;

import io.quarry.core.spi.TextEncoder;
import io.quarry.embeddings.TextEncoderContractTest;
import java.time.Duration;

/** The SPI contract for LangchainEncoder over langchain4j-ollama and a fake Ollama server. */
class LangchainEncoderContractTest extends TextEncoderContractTest {

  private FakeOllama ollama;

  @Override
  protected TextEncoder createEncoder() throws Exception {
    ollama = new FakeOllama(64);
    return OllamaEncoders.create(new OllamaConfig(ollama.baseUrl(), "all-minilm", Duration.ofSeconds(5), 0, "", 4, 0));
  }

  @Override
  protected void release(TextEncoder encoder) {
    encoder.close();
    ollama.close();
  }
}
