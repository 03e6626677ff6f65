package io.kubervisor.cluster;

/**
 * Checked before every write to the cluster: a replica writes only while it holds the leader Lease with a margin
 * (engine.Leadership), so a replica cut off from the API server stops writing before another one can take over.
 */
public interface WriteFence {

  /** @throws LeadershipLostException when this replica may not write any more */
  void check();

  /** Thrown by {@link #check()}: the pass that meant to write ends, and writes nothing more. */
  final class LeadershipLostException extends RuntimeException {
    public LeadershipLostException(String message) {
      super(message, null, false, false);
    }
  }
}
