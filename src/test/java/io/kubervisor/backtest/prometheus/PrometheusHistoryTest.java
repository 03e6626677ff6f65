package io.kubervisor.backtest.prometheus;

import static io.kubervisor.backtest.Fleets.T;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubervisor.analysis.Sample;
import io.kubervisor.backtest.BacktestException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import org.junit.jupiter.api.Test;

class PrometheusHistoryTest {

  /** Answers one body, and remembers what was asked. */
  static final class Canned implements PrometheusApi {
    final String body;
    final List<String> asked = new ArrayList<>();

    Canned(String body) {
      this.body = body;
    }

    @Override
    public String get(String pathAndQuery) {
      asked.add(pathAndQuery);
      return body;
    }

    @Override
    public String describe() {
      return "at http://prometheus:9090";
    }
  }

  @Test
  void aRangeQueryAsksTheWindowInExactSecondsAndRegroupsTheSeriesByInstant() {
    Canned prometheus = new Canned("""
        {"status":"success","data":{"resultType":"matrix","result":[
          {"metric":{"pod":"web-1"},"values":[[1796119200,"1"],[1796119202.5,"NaN"]]},
          {"metric":{"pod":"web-2"},"values":[[1796119202.5,"+Inf"]]}]}}""");
    PrometheusHistory history = new PrometheusHistory(prometheus);

    NavigableMap<Instant, List<Sample>> answers = history.range("sum by (pod) (rate(x[1m])) + 1", T,
        T.plusMillis(2500), Duration.ofMillis(2500));

    assertThat(prometheus.asked).containsExactly("/api/v1/query_range?query=sum+by+%28pod%29+%28rate%28x%5B1m%5D%29%29"
        + "+%2B+1&start=1796119200&end=1796119202.5&step=2.5");
    assertThat(answers).containsOnlyKeys(T, T.plusMillis(2500));
    assertThat(answers.get(T)).containsExactly(new Sample(Map.of("pod", "web-1"), 1));
    assertThat(answers.get(T.plusMillis(2500))).extracting(Sample::value)
        .containsExactly(Double.NaN, Double.POSITIVE_INFINITY);
    assertThat(history.queries()).isEqualTo(1);
  }

  @Test
  void prometheusErrorsReachTheUserWordForWordWithTheQuery() {
    PrometheusHistory history = new PrometheusHistory(new Canned("""
        {"status":"error","errorType":"bad_data","error":"parse error at char 5"}"""));

    assertThatThrownBy(() -> history.range("sum(", T, T.plusSeconds(10), Duration.ofSeconds(5)))
        .isInstanceOf(BacktestException.class)
        .hasMessage("Prometheus at http://prometheus:9090 could not answer sum(: bad_data: parse error at char 5");
  }

  @Test
  void anInstantQuerysAnswerIsNotARange() {
    PrometheusHistory history = new PrometheusHistory(new Canned("""
        {"status":"success","data":{"resultType":"vector","result":[]}}"""));

    assertThatThrownBy(() -> history.range("up", T, T.plusSeconds(10), Duration.ofSeconds(5)))
        .hasMessageContaining("the answer is not a range query's matrix");
  }
}
