package io.kubervisor.bench.quality;

import java.io.IOException;
import java.util.List;

/** A policy in front of one scenario's pods. */
interface PolicySession extends AutoCloseable {

  QualityFleet fleet();

  /** How the clients send a request under this policy. */
  Router router();

  /** Returns once the policy is ready to be measured, with the requests flowing. */
  default void awaitReady() {
  }

  /** A pod the trace adds starts; a peer knows its port from the start. */
  default void startPod(int index) throws IOException {
    fleet().start(index, PeerNames.of(index));
  }

  /** What the policy itself logged about its decisions, for the report; empty when it logs nothing to count. */
  default List<String> notes() {
    return List.of();
  }

  @Override
  void close();
}
