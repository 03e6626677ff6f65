package io.kubervisor.detectors;

import io.kubervisor.api.v1alpha1.Durations;
import io.kubervisor.api.v1alpha1.ExternalDetector;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Prepares the GET of an external detector: the endpoint URI for the next toD step, with the breaker's timeout as
 * both the connect and the response timeout (camel-http has them only per endpoint or component).
 */
public class ExternalRequest implements Processor {

  /** The exchange property that holds the endpoint URI. */
  public static final String ENDPOINT = "kubervisorExternalEndpoint";

  @Override
  public void process(Exchange exchange) {
    ExternalDetector external = DetectorExchange.breaker(exchange).external;
    long timeoutMillis = Durations.parse(external.timeout).toMillis();
    String separator = external.url.contains("?") ? "&" : "?";
    exchange.setProperty(ENDPOINT, external.url + separator + "throwExceptionOnFailure=true"
        + "&httpClient.responseTimeout=" + timeoutMillis + "&httpClient.connectionRequestTimeout=" + timeoutMillis
        + "&httpConnection.connectTimeout=" + timeoutMillis + "&httpConnection.socketTimeout=" + timeoutMillis);
    exchange.getIn().setHeader(Exchange.HTTP_METHOD, "GET");
    exchange.getIn().setBody(null);
  }
}
