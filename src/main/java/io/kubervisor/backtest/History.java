package io.kubervisor.backtest;

import io.kubervisor.analysis.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.NavigableMap;

/** Prometheus asked about the past: what an expression was at each instant of a window. */
public interface History {

  /**
   * The samples of an instant expression at each instant from {@code from} to {@code to}, {@code step} apart (a range
   * query): the same answers as instant queries at those times.
   */
  NavigableMap<Instant, List<Sample>> range(String promQL, Instant from, Instant to, Duration step);
}
