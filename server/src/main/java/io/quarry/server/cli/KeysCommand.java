package io.quarry.server.cli;

import io.quarry.server.config.QuarryConfig;
import io.quarry.server.security.ApiKey;
import io.quarry.server.security.KeyStore;
import io.quarry.server.security.Scope;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code quarry keys create|list|revoke}: API keys in {@code auth.keys_file}. A running server
 * sees a change within a second.
 */
@Command(name = "keys", description = "Create, list and revoke API keys.",
    subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class})
public final class KeysCommand {

  static KeyStore store(CommonOptions common) {
    QuarryConfig c = common.config(Map.of());
    return new KeyStore(c.auth().keysFile(), Clock.systemUTC());
  }

  @Command(name = "create", description = "Make a key and print it once; only its hash is kept.")
  static final class Create implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Spec CommandSpec spec;

    @Option(names = "--scope", required = true, description = "read, write (includes read) or admin (all).")
    String scope;

    @Option(names = "--name", description = "What the key is for, shown in lists and errors.")
    String name;

    @Override
    public Integer call() throws Exception {
      Scope s = Scope.parse(scope);
      KeyStore store = store(common);
      KeyStore.Created k = store.create(name, s);
      PrintWriter out = spec.commandLine().getOut();
      out.println(k.secret());
      out.flush();
      spec.commandLine().getErr().println("key " + k.key().id() + " with scope " + s.wire() + " saved to "
          + store.file() + "; the line above is the key, shown this once: send it as 'Authorization: Bearer <key>'");
      return 0;
    }
  }

  @Command(name = "list", description = "List the keys (ids, names, scopes; never the keys).")
  static final class ListKeys implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      for (ApiKey k : store(common).list()) {
        out.printf("%s  %-6s  %s  %s%n", k.id(), k.scope().wire(), k.created(), k.name());
      }
      out.flush();
      return 0;
    }
  }

  @Command(name = "revoke", description = "Remove a key by its id.")
  static final class Revoke implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "The key's id, as 'keys list' shows it.")
    String id;

    @Override
    public Integer call() throws Exception {
      if (!store(common).revoke(id)) {
        spec.commandLine().getErr().println("error: no key with id " + id);
        return 1;
      }
      spec.commandLine().getErr().println("revoked " + id);
      return 0;
    }
  }
}
