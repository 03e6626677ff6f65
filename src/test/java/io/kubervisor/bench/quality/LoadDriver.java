package io.kubervisor.bench.quality;

import io.kubervisor.sandbox.LoadGenerator;
import java.time.Clock;

/**
 * The scenario's request stream (the sandbox's generator: a fixed rate, paced from its start, not waiting for
 * answers) sent through a policy's router, each request's outcome logged as its client saw it.
 */
final class LoadDriver implements AutoCloseable {

  private final LoadGenerator generator;
  private final ClientLog log = new ClientLog();

  LoadDriver(Router router, double perSecond, RunClock clock) {
    generator = new LoadGenerator(() -> {
      long sentAt = clock.now();
      log.sent();
      router.send().whenComplete((code, failure) -> log.ended(sentAt, clock.now(), failure == null ? code : 599));
    }, perSecond, Clock.systemUTC());
  }

  void start() {
    generator.start();
  }

  ClientLog log() {
    return log;
  }

  @Override
  public void close() {
    generator.close();
  }
}
