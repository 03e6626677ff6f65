package io.kubervisor.backtest;

import io.kubervisor.api.v1alpha1.BreakerConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * One BreakerConfig replayed over a window.
 *
 * @param label where the BreakerConfig came from, as the user named it (a name or a file)
 * @param step the time between its instants; null when none of its breakers could be replayed
 */
public record Run(String label, BreakerConfig config, Duration step, Replay.Result result, Summary summary) {

  /** @param progress told each instant replayed */
  public static Run replay(String label, BreakerConfig config, History history, Window window,
      Consumer<Instant> progress) {
    try (CustomDetectors customDetectors = CustomDetectorRoutes.forConfig(config)) {
      return replay(label, config, history, customDetectors, window, progress);
    }
  }

  /** @param customDetectors the custom detector routes that may be asked about the past */
  public static Run replay(String label, BreakerConfig config, History history, CustomDetectors customDetectors,
      Window window, Consumer<Instant> progress) {
    Duration step = window.stepFor(config);
    Replay.Result result = Replay.run(config, history, customDetectors, window.from(), window.to(), step, progress);
    boolean noneReplayed = result.notReplayable().size() == config.getSpec().breakers.size();
    return new Run(label, config, noneReplayed ? null : step, result, Summary.of(result));
  }

  /** namespace/name of the BreakerConfig. */
  public String name() {
    return config.getMetadata().getNamespace() + "/" + config.getMetadata().getName();
  }
}
