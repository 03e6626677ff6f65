package io.kubervisor.detectors;

import io.kubervisor.analysis.Analysis;
import io.kubervisor.api.v1alpha1.BreakerSpec;
import io.kubervisor.api.v1alpha1.HttpEndpoint;
import io.kubervisor.api.v1alpha1.PrometheusQuery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;

/** The names a detector route and the breaker route share on the exchange. */
public final class DetectorExchange {

  /** Headers every detector route receives. */
  public static final String NAMESPACE = "kubervisorNamespace";
  public static final String SERVICE = "kubervisorService";
  public static final String BREAKER_CONFIG = "kubervisorBreakerConfig";
  public static final String BREAKER = "kubervisorBreaker";
  /** Only in a backtest, for a custom route that accepts a time: the past instant to judge, ISO-8601. */
  public static final String TIME = "kubervisorTime";
  /**
   * The route group by which a custom detector route declares that it can judge a past instant given in
   * {@link #TIME}, so that a backtest may replay it.
   */
  public static final String ACCEPTS_TIME_GROUP = "kubervisor-accepts-time";

  /** Exchange properties, for the built-in detectors' processors. */
  public static final String REQUEST = "kubervisorRequest";
  public static final String BREAKER_SPEC = "kubervisorBreakerSpec";
  /** Set when the detector asks Prometheus a second question (the outlier's volumes, the trend's predictions). */
  public static final String SECOND_QUERY = "kubervisorSecondQuery";
  /** The answer to the first question, kept while the second one runs. */
  public static final String FIRST_QUERY_BODY = "kubervisorFirstQueryBody";
  /** What the detector returned for pods outside the request, in words, for the log: a List of String. */
  public static final String IGNORED = "kubervisorIgnored";

  private DetectorExchange() {}

  public static DetectorRequest request(Exchange exchange) {
    return exchange.getProperty(REQUEST, DetectorRequest.class);
  }

  public static BreakerSpec breaker(Exchange exchange) {
    return exchange.getProperty(BREAKER_SPEC, BreakerSpec.class);
  }

  /** The HTTP endpoint a built-in detector calls, or null for a custom detector. */
  public static HttpEndpoint httpEndpoint(BreakerSpec breaker) {
    for (HttpEndpoint endpoint : new HttpEndpoint[] {breaker.external, breaker.discreteValueOutOfList,
        breaker.continuousValueDeviation, breaker.outlier, breaker.threshold, breaker.trend}) {
      if (endpoint != null) {
        return endpoint;
      }
    }
    return null;
  }

  /**
   * How many consecutive anomalous evaluations make a pod anomalous: the Prometheus detectors' forEvaluations; 1 for
   * the external and custom detectors, which keep their own history.
   */
  public static int forEvaluations(BreakerSpec breaker) {
    return httpEndpoint(breaker) instanceof PrometheusQuery query && query.forEvaluations != null
        ? query.forEvaluations : 1;
  }

  /** Whether a custom detector parameter's name is kubervisor's or Camel's own, which parameters never replace. */
  public static boolean reserved(String header) {
    String lower = header.toLowerCase(java.util.Locale.ROOT);
    return lower.startsWith("kubervisor") || lower.startsWith("camel");
  }

  /**
   * The headers a detector route receives: a custom detector's parameters, then kubervisor's own, which parameters
   * can never take the place of.
   */
  public static Map<String, Object> headers(BreakerSpec breaker, DetectorRequest request) {
    Map<String, Object> headers = new LinkedHashMap<>();
    if (breaker.custom != null && breaker.custom.parameters != null) {
      breaker.custom.parameters.forEach((name, value) -> {
        if (!reserved(name)) {
          headers.put(name, value);
        }
      });
    }
    headers.put(NAMESPACE, request.namespace());
    headers.put(SERVICE, request.service());
    headers.put(BREAKER_CONFIG, request.breakerConfig());
    headers.put(BREAKER, request.breaker());
    if (request.time() != null) {
      headers.put(TIME, request.time());
    }
    return headers;
  }

  /** Puts the verdicts in the body, where the pass expects them. */
  static void answer(Exchange exchange, Analysis analysis) {
    List<String> ignored = new ArrayList<>();
    if (analysis.outsideService() > 0) {
      ignored.add(analysis.outsideService() + " series for pods not in traffic in the Service");
    }
    if (analysis.withoutPodLabel() > 0) {
      ignored.add(analysis.withoutPodLabel() + " series without the pod label");
    }
    exchange.setProperty(IGNORED, ignored);
    exchange.getIn().setBody(analysis.verdicts());
  }
}
