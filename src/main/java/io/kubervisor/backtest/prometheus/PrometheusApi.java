package io.kubervisor.backtest.prometheus;

/** Prometheus' HTTP API, reached directly or through the API server's service proxy. */
public interface PrometheusApi {

  /**
   * The body of Prometheus' answer to a GET of {@code pathAndQuery} (such as {@code /api/v1/query_range?query=...}):
   * a success, or Prometheus' own JSON error, which the caller reads.
   *
   * @throws io.kubervisor.backtest.BacktestException when Prometheus cannot be reached or something else answered
   */
  String get(String pathAndQuery);

  /** Where Prometheus is and how it is reached, for messages and the report. */
  String describe();
}
