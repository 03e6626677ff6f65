package io.kubervisor.bench.quality;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Every request as its client saw it: when it was sent, how long it took, the status it got. Thread-safe. */
final class ClientLog {

  /** One request; times in nanoseconds on the run's clock. */
  record Request(long sentAt, long latency, int code) {
    boolean failed() {
      return code >= 500;
    }
  }

  private final List<Request> requests = new ArrayList<>();
  private final AtomicInteger inFlight = new AtomicInteger();

  void sent() {
    inFlight.incrementAndGet();
  }

  void ended(long sentAt, long endedAt, int code) {
    synchronized (requests) {
      requests.add(new Request(sentAt, endedAt - sentAt, code));
    }
    inFlight.decrementAndGet();
  }

  int inFlight() {
    return inFlight.get();
  }

  List<Request> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }
}
