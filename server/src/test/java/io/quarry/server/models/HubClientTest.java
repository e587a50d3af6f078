package io.quarry.server.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import org.junit.jupiter.api.Test;

/** The pieces of {@link HubClient} and {@link RemoteFile} that need no server. */
class HubClientTest {

  @Test
  void should_take_only_a_64_hex_etag_as_a_sha256() {
    String sha = "a".repeat(64);
    assertEquals(sha, new RemoteFile(302, RemoteFile.unquote("\"" + sha.toUpperCase() + "\""), 1, null, null, null)
        .sha256());
    assertEquals(sha, RemoteFile.unquote("W/\"" + sha + "\""));
    // a Git blob sha1, as the hub gives for small files: not checked by content
    assertNull(new RemoteFile(200, "b".repeat(40), 1, null, null, null).sha256());
    assertNull(new RemoteFile(200, null, 1, null, null, null).sha256());
    assertNull(RemoteFile.unquote("\"\""));
  }

  @Test
  void should_tell_an_unreachable_host_from_a_broken_transfer() {
    // what the JDK client throws for a refused connection and for an unknown host
    IOException refused = (IOException) new ConnectException().initCause(new ConnectException().initCause(
        new ClosedChannelException()));
    IOException unknown = (IOException) new ConnectException().initCause(new UnresolvedAddressException());
    assertTrue(HubClient.unreachable(refused));
    assertEquals("cannot connect", HubClient.reason(refused));
    assertTrue(HubClient.unreachable(unknown));
    assertEquals("unknown host", HubClient.reason(unknown));
    assertTrue(HubClient.unreachable(new HttpConnectTimeoutException("HTTP connect timed out")));
    assertEquals("timed out connecting", HubClient.reason(new HttpConnectTimeoutException("x")));

    IOException broken = new IOException("closed");
    assertFalse(HubClient.unreachable(broken));
    assertEquals("IOException: closed", HubClient.reason(broken));
  }

  @Test
  void should_build_resolve_urls_with_the_revision_as_one_segment() {
    HubClient hub = new HubClient("https://hub.example/ ", null);
    assertEquals("https://hub.example", hub.endpoint().toString());
    assertEquals("https://hub.example/acme/ce/resolve/refs%2Fpr%2F1/config.json",
        hub.fileUri("acme/ce", "refs/pr/1", "config.json").toString());
    assertThrows(IllegalArgumentException.class, () -> new HubClient("ftp://hub.example", null));
    assertThrows(IllegalArgumentException.class, () -> new HubClient("huggingface.co", null));
  }

  @Test
  void should_refuse_repository_ids_that_could_leave_the_models_directory() {
    assertEquals("cross-encoder--ms-marco-MiniLM-L-6-v2", ModelPull.directoryName("cross-encoder/ms-marco-MiniLM-L-6-v2"));
    assertEquals("bert-base-uncased", ModelPull.directoryName("bert-base-uncased"));
    for (String bad : new String[] {"../etc", "a/../b", "a/b/c", "/abs", "a b", "", "a/..x"}) {
      assertThrows(IllegalArgumentException.class, () -> ModelPull.directoryName(bad), bad);
    }
    assertThrows(IllegalArgumentException.class, () -> ModelPull.checkRevision(".."));
    assertThrows(IllegalArgumentException.class, () -> ModelPull.checkRevision("main branch"));
  }
}
