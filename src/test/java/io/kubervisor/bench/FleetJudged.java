package io.kubervisor.bench;

import static org.awaitility.Awaitility.await;

import io.kubervisor.api.v1alpha1.BreakerConfig;
import io.kubervisor.api.v1alpha1.BreakerEvaluation;
import java.time.Duration;
import java.util.List;

/**
 * The steady state the window measures: every BreakerConfig's breaker has judged every pod of its Service (the pods'
 * warmup is over, Prometheus has their series), as the BreakerConfigs' status shows.
 */
final class FleetJudged {

  private static final Duration TIMEOUT = Duration.ofMinutes(10);

  private FleetJudged() {}

  static void waitFor(World world, BenchOperator operator) {
    int breakerConfigs = world.layout().breakerConfigs();
    int podsPerService = world.layout().podsPerService();
    await("every BreakerConfig judges all its pods").atMost(TIMEOUT).pollInterval(Duration.ofSeconds(2))
        .dontCatchUncaughtExceptions()
        .until(() -> {
          operator.checkAlive();
          List<BreakerConfig> configs = world.client().resources(BreakerConfig.class).inAnyNamespace().list()
              .getItems();
          return configs.size() == breakerConfigs && configs.stream().allMatch(config -> judgedEveryPod(config, podsPerService));
        });
  }

  private static boolean judgedEveryPod(BreakerConfig config, int podsPerService) {
    return config.getStatus() != null && !config.getStatus().lastEvaluation.isEmpty()
        && config.getStatus().lastEvaluation.stream().allMatch(evaluation ->
            evaluation.outcome == BreakerEvaluation.Outcome.Evaluated
                && Integer.valueOf(podsPerService).equals(evaluation.evaluated));
  }
}
