package io.kubervisor.engine;

import io.kubervisor.analysis.Verdict;
import io.kubervisor.api.v1alpha1.BreakerSpec;
import io.kubervisor.detectors.DetectorRequest;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One breaker's detector call in a pass: what is asked, of which detector route, and what came back. The split of the
 * pass route runs one exchange per call, which records the call's outcome here; a call that outlives the pass's
 * deadline is abandoned, and its late outcome ignored.
 */
public final class BreakerCall {

  /**
   * @param verdicts the answer, or null when the call failed
   * @param ignored what the detector named outside the request, for the log
   */
  record Outcome(List<Verdict> verdicts, Throwable failure, List<String> ignored, long durationNanos) {}

  final BreakerSpec breaker;
  final String detector;
  final String endpoint;
  final DetectorRequest request;
  private final long startedNanos = System.nanoTime();
  private final AtomicReference<Outcome> outcome = new AtomicReference<>();

  BreakerCall(BreakerSpec breaker, String detector, String endpoint, DetectorRequest request) {
    this.breaker = breaker;
    this.detector = detector;
    this.endpoint = endpoint;
    this.request = request;
  }

  String name() {
    return breaker.name;
  }

  void answered(List<Verdict> verdicts, List<String> ignored) {
    outcome.compareAndSet(null, new Outcome(verdicts, null, ignored, System.nanoTime() - startedNanos));
  }

  void failed(Throwable failure) {
    outcome.compareAndSet(null, new Outcome(null, failure, List.of(), System.nanoTime() - startedNanos));
  }

  /** The outcome; a call still running when the pass reads it is abandoned as a failure. */
  Outcome outcome(String abandonedBecause) {
    failed(new DetectorDeadlineException(abandonedBecause));
    return outcome.get();
  }

  /** A detector route that had not answered by the pass's deadline. */
  static final class DetectorDeadlineException extends RuntimeException {
    DetectorDeadlineException(String message) {
      super(message, null, false, false);
    }
  }
}
