package io.kubervisor.sandbox;

import io.kubervisor.api.v1alpha1.BreakerConfig;
import io.kubervisor.api.v1alpha1.BreakerConfigStatus;
import io.kubervisor.api.v1alpha1.Mode;
import io.kubervisor.cli.ConditionSummary;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/** Gathers a frame from the running sandbox: the pods' labels, what they served, the BreakerConfig, the decisions. */
final class Dashboard {

  private final Scenario scenario;
  private final Timeline timeline;
  private final List<String> podsAtStart;
  private final SimulatedFleet fleet;
  private final Endpoints endpoints;
  private final TrafficWatch traffic;
  private final Supplier<BreakerConfig> breakerConfig;
  private final OperatorDecisions decisions;
  private final Clock clock;

  Dashboard(Scenario scenario, Timeline timeline, List<String> podsAtStart, FleetSimulator simulator,
      TrafficWatch traffic, Supplier<BreakerConfig> breakerConfig, OperatorDecisions decisions, Clock clock) {
    this.scenario = scenario;
    this.timeline = timeline;
    this.podsAtStart = podsAtStart;
    this.fleet = simulator.fleet();
    this.endpoints = simulator.endpoints();
    this.traffic = traffic;
    this.breakerConfig = breakerConfig;
    this.decisions = decisions;
    this.clock = clock;
  }

  Frame frame() {
    Instant now = clock.instant();
    List<Frame.PodRow> pods = traffic.pods().stream()
        .map(pod -> new Frame.PodRow(podsAtStart.contains(pod.name()) ? podsAtStart.indexOf(pod.name()) : null,
            pod.name(), pod.traffic(), pod.terminating(), fleet.served(pod.name()).last(Frame.WINDOW, now),
            fleet.behaviour(pod.name()).describe()))
        .toList();
    String next = timeline.next()
        .map(step -> "+" + FrameRenderer.clock(step.at()) + "  " + (step.say().isEmpty() ? "a step" : step.say()))
        .orElse(null);
    return new Frame(scenario.name(), Duration.between(timeline.start(), now), scenario.duration(),
        breakerConfigLine(), fleet.clients().last(Frame.WINDOW, now), endpoints.ready().size(), pods,
        decisions.last(), next);
  }

  private String breakerConfigLine() {
    BreakerConfig config;
    try {
      config = breakerConfig.get();
    } catch (RuntimeException e) {
      return "unreadable: " + e.getMessage();
    }
    if (config == null) {
      return "gone";
    }
    BreakerConfigStatus status = config.getStatus() == null ? new BreakerConfigStatus() : config.getStatus();
    int managed = Objects.requireNonNullElse(status.managed, 0);
    return config.getMetadata().getName() + "   " + Objects.requireNonNullElse(config.getSpec().mode, Mode.Enabled)
        + "   managed " + managed + ", in traffic " + Objects.requireNonNullElse(status.inTraffic, 0) + ", broken "
        + Objects.requireNonNullElse(status.broken, 0) + ", paused " + Objects.requireNonNullElse(status.paused, 0)
        + ", floor " + SandboxBreakerConfig.floor(config, managed) + "   " + ConditionSummary.of(status.conditions);
  }
}
