package io.kubervisor.bench;

import java.util.List;

/**
 * A run, as the JSON file holds it: where and on what it ran, how the operator and the fleet were set up, what each
 * size measured and each target's verdict.
 *
 * @param image the image's JVM options, with the benchmark's own class-data-sharing archive
 * @param artifacts the directory of the plots, the operator's logs and the profile
 */
record BenchReport(String startedAt, Machine machine, ChartRuntime chart, ImageRuntime image, Settings settings,
    List<SizeResult> sizes, List<TargetLine> targets, String artifacts) {

  /**
   * The fleet's and the run's settings.
   *
   * @param podsPerService null when the BreakerConfigs are fixed and the Services grow with the size instead
   * @param breakerConfigs null when there is one per {@code podsPerService} pods
   */
  record Settings(long settleSeconds, long windowSeconds, int faults, int servicesPerNamespace, Integer podsPerService,
      Integer breakerConfigs, long evaluationPeriodSeconds, double requestsPerSecondPerPod) {

    static Settings of(BenchOptions options) {
      Integer fixed = options.breakerConfigs();
      return new Settings(options.settle().toSeconds(), options.window().toSeconds(), options.faults(),
          options.servicesPerNamespace(), fixed == null ? FleetLayout.DEFAULT_PODS_PER_SERVICE : null, fixed,
          BenchBreakerConfig.PERIOD.toSeconds(), FleetExporter.REQUESTS_PER_SECOND);
    }
  }
}
