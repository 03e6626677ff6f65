package io.kubervisor.detectors.http;

import io.kubervisor.api.v1alpha1.BreakerSpec;
import io.kubervisor.api.v1alpha1.Durations;
import io.kubervisor.detectors.DetectorExchange;
import io.kubervisor.detectors.DetectorRequest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.spi.Registry;

/**
 * Prepares a built-in detector's GET for camel-http, to the URL in the {@code CamelHttpUri} header: the breaker's
 * credentials as the Authorization header, and the endpoint to call in {@link #ENDPOINT}, with the breaker's timeout
 * and, when it names a CA bundle, TLS parameters that trust only that bundle. Redirects are not followed, so
 * credentials go nowhere else; the answer is read by {@link DetectorAnswer}, whole or not at all.
 *
 * @throws CredentialsUnavailableException (from process) when the breaker's Secret or ConfigMap cannot be used: the
 *     detector is then not called at all
 */
public class DetectorCall implements Processor {

  /** The exchange property holding the camel-http endpoint URI the route calls. */
  public static final String ENDPOINT = "kubervisorHttpEndpoint";
  /** The exchange property holding when the whole call must be over, as a System.nanoTime() value. */
  public static final String DEADLINE = "kubervisorCallDeadline";
  static final String AUTHORIZATION = "Authorization";
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final int RECEIVE_BUFFER_BYTES = 64 * 1024;

  private final DetectorCredentials credentials;
  private final Duration prometheusTimeout;
  private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();

  /** @param prometheusTimeout bounds a Prometheus call; the external detector sets its own timeout */
  public DetectorCall(DetectorCredentials credentials, Duration prometheusTimeout) {
    this.credentials = credentials;
    this.prometheusTimeout = prometheusTimeout;
  }

  @Override
  public void process(Exchange exchange) {
    BreakerSpec breaker = DetectorExchange.breaker(exchange);
    DetectorRequest request = DetectorExchange.request(exchange);
    Message in = exchange.getIn();
    DetectorUris.httpUri(in.getHeader(Exchange.HTTP_URI, String.class));
    DetectorCredentials.Resolved resolved = credentials.current(request.namespace(), request.breakerConfig(),
        request.breaker(), DetectorExchange.httpEndpoint(breaker));
    Credentials credential = resolved.credentials();

    in.removeHeader(AUTHORIZATION);
    if (credential.authorization() != null) {
      in.setHeader(AUTHORIZATION, credential.authorization());
    }
    // A plain GET of the URL as given: no body, and no query or path left over from an earlier call.
    in.setHeader(Exchange.HTTP_METHOD, "GET");
    in.removeHeader(Exchange.HTTP_QUERY);
    in.removeHeader(Exchange.HTTP_PATH);
    in.setHeader("Accept", "application/json");
    in.setBody(null);

    long timeout = (breaker.external != null ? Durations.parse(breaker.external.timeout) : prometheusTimeout).toMillis();
    exchange.setProperty(DEADLINE, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeout));
    // The host is a placeholder: camel-http calls the CamelHttpUri header. The stream is left raw so that
    // DetectorAnswer can stop reading at the size cap and the deadline; the timeouts here bound each wait within it.
    StringBuilder endpoint = new StringBuilder("http://detector-backend?throwExceptionOnFailure=false")
        .append("&disableStreamCache=true&followRedirects=false")
        .append("&connectTimeout=").append(Math.min(timeout, CONNECT_TIMEOUT.toMillis()))
        .append("&connectionRequestTimeout=").append(Math.min(timeout, CONNECT_TIMEOUT.toMillis()))
        .append("&responseTimeout=").append(timeout)
        .append("&soTimeout=").append(timeout)
        // A small receive buffer: past the size cap, what the kernel took in ahead of the read is what was wasted.
        .append("&httpConnection.rcvBufSize=").append(RECEIVE_BUFFER_BYTES);
    if (resolved.tls() != null) {
      String name = resolved.tlsBeanName();
      Registry registry = exchange.getContext().getRegistry();
      if (registry.lookupByName(name) == null) {
        registry.bind(name, resolved.tls());
      }
      endpoint.append("&sslContextParameters=#").append(name);
    }
    String uri = endpoint.toString();
    // Each URI's endpoint is made here, once: Camel makes one, with its own HTTP client and connection pool, for each
    // concurrent first caller of a URI, and all the detector calls of a start come at once.
    endpoints.computeIfAbsent(uri, exchange.getContext()::getEndpoint);
    exchange.setProperty(ENDPOINT, uri);
  }
}
