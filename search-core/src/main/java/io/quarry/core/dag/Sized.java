package io.quarry.core.dag;

/** An output that can say how big it is, for node traces. */
public interface Sized {
  int size();
}
