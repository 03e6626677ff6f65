package io.kubervisor.detectors;

import io.kubervisor.api.v1alpha1.BreakerSpec;
import io.kubervisor.api.v1alpha1.Durations;
import io.kubervisor.api.v1alpha1.PrometheusQuery;
import io.kubervisor.api.v1alpha1.TrendDetector;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Prepares a GET of Prometheus' {@code /api/v1/query} for the next http step. The PromQL is URL-encoded here: handed
 * raw to camel-http, a {@code +} would reach Prometheus as a space.
 *
 * <p>Some detectors ask two questions: the outlier its values then the request volumes, the trend the slopes
 * ({@code deriv}) then the predictions ({@code predict_linear}). The first request marks the exchange when a second
 * is due.
 */
public class PrometheusRequest implements Processor {

  /** Which of a detector's questions. */
  public enum Question { FIRST, SECOND }

  private final Question question;

  public PrometheusRequest(Question question) {
    this.question = question;
  }

  @Override
  public void process(Exchange exchange) {
    BreakerSpec breaker = DetectorExchange.breaker(exchange);
    // Every Prometheus detector is a PrometheusQuery; external is routed elsewhere.
    PrometheusQuery query = (PrometheusQuery) DetectorExchange.httpEndpoint(breaker);
    String promQL = question == Question.FIRST ? first(breaker) : second(breaker);
    if (question == Question.FIRST && second(breaker) != null) {
      exchange.setProperty(DetectorExchange.SECOND_QUERY, true);
    }
    exchange.getIn().setHeader(Exchange.HTTP_URI, url(query.prometheusService, promQL));
  }

  static String url(String prometheusService, String promQL) {
    String base = prometheusService.endsWith("/") ? prometheusService.substring(0, prometheusService.length() - 1)
        : prometheusService;
    return base + "/api/v1/query?query=" + URLEncoder.encode(promQL, StandardCharsets.UTF_8);
  }

  /** A Prometheus breaker's first question's PromQL: its own, or for the trend the slopes of it. */
  public static String first(BreakerSpec breaker) {
    return breaker.trend != null ? "deriv(" + subquery(breaker.trend) + ")"
        : ((PrometheusQuery) DetectorExchange.httpEndpoint(breaker)).promQL;
  }

  /** The second question's PromQL, or null when the detector asks only one. */
  public static String second(BreakerSpec breaker) {
    if (breaker.outlier != null) {
      return breaker.outlier.volumePromQL;
    }
    if (breaker.trend != null && breaker.trend.bound != null) {
      return "predict_linear(" + subquery(breaker.trend) + ", "
          + Durations.parse(breaker.trend.horizon).toSeconds() + ")";
    }
    return null;
  }

  /** The user's instant query over the window, sampled 20 times, so any expression can be fitted. */
  static String subquery(TrendDetector trend) {
    long window = Math.max(1, Durations.parse(trend.window).toSeconds());
    return "(" + trend.promQL + ")[" + window + "s:" + Math.max(1, window / 20) + "s]";
  }

}
