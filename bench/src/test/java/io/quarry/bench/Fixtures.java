package io.quarry.bench;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Locates the test fixtures. */
public final class Fixtures {

  private Fixtures() {}

  /** The tiny fixture suite under src/test/resources/fixture. */
  public static Path suite() throws IOException {
    try {
      return Paths.get(Fixtures.class.getResource("/fixture/suite.json").toURI());
    } catch (URISyntaxException e) {
      throw new IOException(e);
    }
  }
}
