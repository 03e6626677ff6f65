package io.kubervisor.detectors;

import io.kubervisor.api.v1alpha1.BreakerSpec;
import io.kubervisor.api.v1alpha1.PrometheusQuery;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Prepares a GET of Prometheus' {@code /api/v1/query} for the next http step. The PromQL is URL-encoded here: handed
 * raw to camel-http, a {@code +} would reach Prometheus as a space.
 */
public class PrometheusRequest implements Processor {

  private final boolean volumeQuery;

  /** @param volumeQuery ask for the outlier detector's request volume instead of the main query */
  public PrometheusRequest(boolean volumeQuery) {
    this.volumeQuery = volumeQuery;
  }

  @Override
  public void process(Exchange exchange) {
    BreakerSpec breaker = DetectorExchange.breaker(exchange);
    PrometheusQuery query = query(breaker);
    String promQL = volumeQuery ? breaker.outlier.volumePromQL : query.promQL;
    if (!volumeQuery && breaker.outlier != null && breaker.outlier.volumePromQL != null) {
      exchange.setProperty(DetectorExchange.VOLUME_QUERY, breaker.outlier.volumePromQL);
    }
    Message in = exchange.getIn();
    in.setHeader(Exchange.HTTP_URI, url(query.prometheusService, promQL));
    in.setHeader(Exchange.HTTP_METHOD, "GET");
    in.removeHeader(Exchange.HTTP_QUERY);
    in.removeHeader(Exchange.HTTP_PATH);
    in.setBody(null);
  }

  static String url(String prometheusService, String promQL) {
    String base = prometheusService.endsWith("/") ? prometheusService.substring(0, prometheusService.length() - 1)
        : prometheusService;
    return base + "/api/v1/query?query=" + URLEncoder.encode(promQL, StandardCharsets.UTF_8);
  }

  private static PrometheusQuery query(BreakerSpec breaker) {
    if (breaker.discreteValueOutOfList != null) {
      return breaker.discreteValueOutOfList;
    }
    if (breaker.continuousValueDeviation != null) {
      return breaker.continuousValueDeviation;
    }
    if (breaker.outlier != null) {
      return breaker.outlier;
    }
    throw new IllegalStateException("breaker " + breaker.name + " has no Prometheus detector");
  }
}
