package io.kubervisor.sandbox;

import java.time.Duration;

/** Where a run is shown: refreshed with a frame twice a second, and told of each event as it happens. */
interface View extends AutoCloseable {

  void frame(Frame frame);

  /** A step of the scenario or a decision of the operator, at its time from the start. */
  void event(Duration at, String what);

  @Override
  void close();
}
