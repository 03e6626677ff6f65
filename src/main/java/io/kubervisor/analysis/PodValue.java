package io.kubervisor.analysis;

import java.util.List;

/** A pod's single finite value, or why it has none. */
record PodValue(double value, String noDataReason) {

  static final String NO_SERIES = "no data for this pod in the query result";

  /**
   * Several series for one pod are ambiguous (a query that does not aggregate by pod): picking one or summing them
   * would be a guess, so the pod is not judged.
   */
  static PodValue of(List<Sample> series) {
    if (series.isEmpty()) {
      return new PodValue(Double.NaN, NO_SERIES);
    }
    if (series.size() > 1) {
      return new PodValue(Double.NaN, series.size() + " series for one pod; make the query return one per pod");
    }
    double value = series.get(0).value();
    if (!Double.isFinite(value)) {
      return new PodValue(Double.NaN, "value " + Numbers.format(value) + " is not a finite number");
    }
    return new PodValue(value, null);
  }

  boolean hasValue() {
    return noDataReason == null;
  }
}
