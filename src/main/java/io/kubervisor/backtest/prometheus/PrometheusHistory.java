package io.kubervisor.backtest.prometheus;

import io.kubervisor.analysis.PrometheusQueryException;
import io.kubervisor.analysis.Sample;
import io.kubervisor.backtest.BacktestException;
import io.kubervisor.backtest.History;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.NavigableMap;

/**
 * History from Prometheus' {@code /api/v1/query_range}: one range query answers a question at every instant of a block,
 * as instant queries at those times would. Prometheus evaluates each step exactly as an instant query at that time
 * (same lookback, same functions), so the verdicts are the same; {@code BacktestIT} checks it on a real Prometheus.
 */
public final class PrometheusHistory implements History {

  private final PrometheusApi api;
  private int queries;

  public PrometheusHistory(PrometheusApi api) {
    this.api = api;
  }

  @Override
  public NavigableMap<Instant, List<Sample>> range(String promQL, Instant from, Instant to, Duration step) {
    queries++;
    String body = api.get("/api/v1/query_range?query=" + URLEncoder.encode(promQL, StandardCharsets.UTF_8)
        + "&start=" + seconds(from.toEpochMilli()) + "&end=" + seconds(to.toEpochMilli())
        + "&step=" + seconds(step.toMillis()));
    try {
      return RangeAnswer.parse(body);
    } catch (PrometheusQueryException e) {
      throw new BacktestException("Prometheus " + api.describe() + " could not answer " + promQL + ": "
          + e.getMessage(), e);
    }
  }

  /** How many range queries it asked. */
  public int queries() {
    return queries;
  }

  /** Milliseconds as the seconds Prometheus reads, exactly: 1733047200.5, never 1.7330472005E9. */
  private static String seconds(long millis) {
    return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString();
  }
}
