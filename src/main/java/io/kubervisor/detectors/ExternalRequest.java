package io.kubervisor.detectors;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Points the next step (the backend-call route) at the external detector's URL, telling it which Service is asked
 * about: the query parameters {@code namespace} and {@code service} are added to the URL's own.
 */
public class ExternalRequest implements Processor {

  @Override
  public void process(Exchange exchange) {
    DetectorRequest request = DetectorExchange.request(exchange);
    String url = DetectorExchange.breaker(exchange).external.url;
    int fragment = url.indexOf('#');
    String base = fragment < 0 ? url : url.substring(0, fragment);
    String query = "namespace=" + encode(request.namespace()) + "&service=" + encode(request.service());
    exchange.getIn().setHeader(Exchange.HTTP_URI, base + (base.contains("?") ? "&" : "?") + query);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
