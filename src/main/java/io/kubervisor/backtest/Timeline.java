package io.kubervisor.backtest;

import io.kubervisor.api.v1alpha1.PodStatus.State;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the replay saw at each instant: the pods in traffic and their states, the floor, and each breaker's KPI per
 * pod with its no-data pods, for the report's timeline and charts.
 */
public final class Timeline {

  /** A pod's state at an instant; killed pods stay killed. */
  public enum PodState { IN_TRAFFIC, OUT, PAUSED, KILLED }

  /**
   * @param states the pods with series at this instant, by name
   * @param values each breaker's value per pod, by breaker then pod (only at the breaker's evaluations), for every
   *     pod with series that is not killed, in traffic or not
   * @param spared anomalous pods the floor kept in traffic at this instant
   */
  public record Frame(Instant time, Map<String, PodState> states, int inTraffic, int floor,
      Map<String, Map<String, Double>> values, int spared, List<String> noData) {}

  private final List<Frame> frames = new ArrayList<>();

  void add(Frame frame) {
    frames.add(frame);
  }

  public List<Frame> frames() {
    return frames;
  }

  static PodState of(State state) {
    return switch (state) {
      case InTraffic -> PodState.IN_TRAFFIC;
      case Paused -> PodState.PAUSED;
      default -> PodState.OUT;
    };
  }
}
