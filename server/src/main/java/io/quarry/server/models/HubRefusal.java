package io.quarry.server.models;

import java.net.URI;
import java.nio.file.Path;

/**
 * The messages for a hub that answered but did not give a file: the repository or revision does
 * not exist or needs a token, or one of the files Quarry needs is not in it.
 */
final class HubRefusal {

  private HubRefusal() {}

  /** The answer to the first file, {@code config.json}: whether the repository can be read at all. */
  static PullException ofRepo(URI endpoint, String repo, String revision, RemoteFile r) {
    String where = repo + " (revision " + revision + ")";
    String code = r.errorCode() == null ? "" : r.errorCode();
    String detail = "HTTP " + r.status() + (code.isEmpty() ? "" : ", " + code)
        + (r.errorMessage() == null ? "" : ": " + r.errorMessage());
    if (code.equals("GatedRepo")) {
      return PullException.failed(where + " is gated on " + endpoint + " (" + detail + "): accept its terms at "
          + endpoint + "/" + repo + " and set HF_TOKEN to an access token of that account");
    }
    if (r.status() == 401 || r.status() == 403) {
      return PullException.failed(endpoint + " refused " + where + " (" + detail + "): it does not exist, or it is"
          + " private or gated; check the name, or set HF_TOKEN to an access token that can read it");
    }
    if (r.status() == 404 && code.equals("RevisionNotFound")) {
      return PullException.failed(repo + " has no revision " + revision + " on " + endpoint + " (" + detail
          + "); give an existing branch, tag or commit with --revision");
    }
    if (r.status() == 404 && code.equals("EntryNotFound")) {
      return PullException.failed(where + " has no " + ModelPull.CONFIG + " on " + endpoint + " (" + detail
          + "): it is not a transformers checkpoint");
    }
    if (r.status() == 404) {
      return PullException.failed(where + " not found on " + endpoint + " (" + detail + "); check the repository id"
          + " (owner/name, as in the model page's URL) and the revision");
    }
    return unexpected(endpoint, where, ModelPull.CONFIG, detail);
  }

  /** The answer to a later file, once the repository is known to be readable. */
  static PullException ofFile(URI endpoint, String repo, String revision, String file, RemoteFile r, Path dir) {
    String where = repo + " (revision " + revision + ")";
    String detail = "HTTP " + r.status() + (r.errorCode() == null ? "" : ", " + r.errorCode());
    if (r.status() == 404 && file.equals(ModelPull.WEIGHTS)) {
      return PullException.failed(where + " has no " + ModelPull.WEIGHTS + " (" + detail + "): Quarry loads"
          + " safetensors checkpoints (config.json, model.safetensors, tokenizer.json). A TorchScript export of the"
          + " model (*.pt, forward(input_ids, attention_mask, token_type_ids)) can be copied by hand into a"
          + " directory with its tokenizer.json and named in rerank.model");
    }
    if (r.status() == 404 && file.equals(ModelPull.TOKENIZER)) {
      return PullException.failed(where + " has no " + ModelPull.TOKENIZER + " (" + detail + "): Quarry tokenizes"
          + " with the fast tokenizer file; write one with AutoTokenizer.from_pretrained(\"" + repo + "\")"
          + ".save_pretrained(...) and copy it into " + dir);
    }
    return unexpected(endpoint, where, file, detail);
  }

  private static PullException unexpected(URI endpoint, String where, String file, String detail) {
    return PullException.failed(endpoint + " did not give " + file + " of " + where + " (" + detail + ")"
        + "; try again later");
  }
}
