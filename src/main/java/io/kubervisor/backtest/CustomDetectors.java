package io.kubervisor.backtest;

import io.kubervisor.analysis.Verdict;
import io.kubervisor.api.v1alpha1.BreakerConfig;
import io.kubervisor.api.v1alpha1.BreakerSpec;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The custom detector routes a replay may ask about the past: those that declare they accept a time. */
public interface CustomDetectors extends AutoCloseable {

  /** No route loaded: every custom detector is reported as not replayable, with how to load its route. */
  CustomDetectors NONE = new CustomDetectors() {
    @Override
    public Optional<String> whyNotReplayable(String detector) {
      return Optional.of("custom detector " + detector + " is a route of the operator; set KUBERVISOR_EXTRA_ROUTES_DIR"
          + " to the directory of its route file to replay it (docs/backtest.md)");
    }

    @Override
    public List<Verdict> ask(BreakerConfig config, BreakerSpec breaker, Instant time, List<String> pods) {
      throw new IllegalStateException("no custom detector routes loaded");
    }
  };

  /** Empty when the route of this custom detector is loaded and accepts a time; otherwise why not, in words. */
  Optional<String> whyNotReplayable(String detector);

  /**
   * The route's verdicts as of {@code time}.
   *
   * @param pods the pods the replay has in traffic then; the route may also judge other pods of the Service, which
   *     tells the replay they existed
   * @throws Exception when the route fails or breaks the contract: a detector error at that instant
   */
  List<Verdict> ask(BreakerConfig config, BreakerSpec breaker, Instant time, List<String> pods) throws Exception;

  @Override
  default void close() {}
}
