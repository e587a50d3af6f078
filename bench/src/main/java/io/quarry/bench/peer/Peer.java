package io.quarry.bench.peer;

import java.io.IOException;
import java.util.List;

/**
 * An engine run beside Quarry. The runner calls {@link #index} once per set, then {@link #search}
 * for each of its {@link #legs()} right after Quarry answers the same query in the leg's mode,
 * from one thread; finally {@link #close}.
 *
 * <p>Failures are exceptions: the runner stops rather than score a broken peer.
 */
public interface Peer extends AutoCloseable {

  /** Its name on the command line and in row modes: {@code anserini}, {@code lancedb}, ... */
  String name();

  /** What it is, for run.json: name, version, settings. */
  String describe();

  /** The searches it runs. */
  List<PeerLeg> legs();

  /** True when {@link #index} needs {@link PeerCorpus#vectors()}. */
  boolean needsVectors();

  /** Makes exactly the documents of {@code corpus} searchable, replacing any previous set. */
  void index(PeerCorpus corpus) throws IOException;

  /** Runs one query on one of its {@link #legs()}. */
  PeerAnswer search(PeerLeg leg, PeerQuery query) throws IOException;

  @Override
  void close() throws IOException;
}
