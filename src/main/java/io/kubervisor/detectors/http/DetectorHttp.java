package io.kubervisor.detectors.http;

import io.kubervisor.api.v1alpha1.BreakerSpec;
import io.kubervisor.api.v1alpha1.Durations;
import io.kubervisor.api.v1alpha1.HttpEndpoint;
import io.kubervisor.detectors.DetectorExchange;
import io.kubervisor.detectors.DetectorRequest;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * The GET of a built-in detector, to the URI in the {@code CamelHttpUri} header, with the breaker's credentials and
 * trusted CAs ({@link DetectorCredentials}). The body out is the answer, read whole up to a size limit. Anything else
 * throws, and the breaker records a detector error: an oversized, truncated or refused answer never becomes a decision.
 *
 * <p>Only http and https are called, and redirects are not followed. Error messages name the URL without its query
 * and never a credential.
 */
public class DetectorHttp implements Processor {

  /** What an error status does. */
  public enum ErrorBodies {
    /** Any non-2xx status is a detector error. */
    REFUSE,
    /**
     * A non-2xx answer whose body is a JSON object passes, for the next step to read: Prometheus explains its errors
     * (a bad query, say) that way, and its words reach the status.
     */
    PASS_JSON
  }

  private final DetectorCredentials credentials;
  private final long maxResponseBytes;
  private final Duration defaultTimeout;
  private final ErrorBodies errorBodies;

  /**
   * @param defaultTimeout bounds the whole call when the breaker sets no timeout of its own
   */
  public DetectorHttp(DetectorCredentials credentials, long maxResponseBytes, Duration defaultTimeout,
      ErrorBodies errorBodies) {
    this.credentials = credentials;
    this.maxResponseBytes = maxResponseBytes;
    this.defaultTimeout = defaultTimeout;
    this.errorBodies = errorBodies;
  }

  @Override
  public void process(Exchange exchange) throws Exception {
    BreakerSpec breaker = DetectorExchange.breaker(exchange);
    DetectorRequest request = DetectorExchange.request(exchange);
    HttpEndpoint endpoint = DetectorExchange.httpEndpoint(breaker);
    Message in = exchange.getIn();
    URI uri = httpUri(in.getHeader(Exchange.HTTP_URI, String.class));
    Duration timeout = breaker.external != null ? Durations.parse(breaker.external.timeout) : defaultTimeout;

    DetectorCredentials.Resolved resolved = credentials.current(request.namespace(), request.breakerConfig(),
        request.breaker(), endpoint);
    HttpRequest.Builder get = HttpRequest.newBuilder(uri).GET().timeout(timeout).header("Accept", "application/json");
    if (resolved.authorization() != null) {
      get.header("Authorization", resolved.authorization());
    }
    CompletableFuture<HttpResponse<String>> call = resolved.client()
        .sendAsync(get.build(), BoundedBody.handler(maxResponseBytes));
    HttpResponse<String> response = await(call, timeout, uri);

    int status = response.statusCode();
    String body = response.body();
    boolean passes = status / 100 == 2 || errorBodies == ErrorBodies.PASS_JSON && body.strip().startsWith("{");
    if (!passes) {
      throw new DetectorCallException("GET " + shown(uri) + " answered HTTP " + status
          + (status == 401 || status == 403 ? ": check the credentials (authorization or basicAuth)" : ""));
    }
    in.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
    in.setBody(body);
  }

  private static HttpResponse<String> await(CompletableFuture<HttpResponse<String>> call, Duration timeout, URI uri)
      throws InterruptedException {
    try {
      // The request timeout stops at the headers; this bounds the body too.
      return call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      call.cancel(true);
      throw new DetectorCallException("GET " + shown(uri) + ": no answer within " + timeout.toMillis() + "ms");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof BoundedBody.TooLarge) {
        throw new DetectorCallException("GET " + shown(uri) + ": " + cause.getMessage());
      }
      if (cause instanceof SSLException || cause != null && cause.getCause() instanceof SSLException) {
        throw new DetectorCallException("GET " + shown(uri) + ": TLS failed, is the server's certificate signed by"
            + " the CA of tls.ca? (" + rootMessage(cause) + ")", cause);
      }
      if (cause instanceof IOException) {
        throw new DetectorCallException("GET " + shown(uri) + " failed: " + rootMessage(cause), cause);
      }
      throw new DetectorCallException("GET " + shown(uri) + " failed: " + cause, cause);
    }
  }

  /** Only http(s) URLs with a host are called, whatever reaches this step. */
  static URI httpUri(String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new DetectorCallException("not a URL: " + url);
    }
    if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
      throw new DetectorCallException("only http and https URLs are called, not " + uri.getScheme() + ":");
    }
    if (uri.getHost() == null || uri.getRawUserInfo() != null) {
      throw new DetectorCallException("the URL needs a host and no user:password@ (credentials belong in a Secret)");
    }
    return uri;
  }

  /** The URL as users see it in errors: without the query, which may be long or carry parameters. */
  private static String shown(URI uri) {
    return uri.getScheme() + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath());
  }

  /** The first message along the causes; the JDK client reports a refused connection without one. */
  private static String rootMessage(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause.getMessage() != null) {
        return cause.getMessage();
      }
      if (cause instanceof ConnectException) {
        return "Connection refused";
      }
    }
    return failure.getClass().getSimpleName();
  }
}
