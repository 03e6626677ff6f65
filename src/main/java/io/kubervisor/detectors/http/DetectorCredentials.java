package io.kubervisor.detectors.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubervisor.api.v1alpha1.BreakerConfig;
import io.kubervisor.api.v1alpha1.BreakerSpec;
import io.kubervisor.api.v1alpha1.HttpEndpoint;
import io.kubervisor.detectors.DetectorExchange;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.apache.camel.support.jsse.SSLContextParameters;

/**
 * The resolved credentials and TLS trust of every breaker that calls HTTP, by "namespace/breakerConfig/breaker".
 * References are read when the breaker is (re)configured ({@link #refresh}, from the reconciler) and again once they
 * are older than the refresh period (the resync period), so a rotated Secret is picked up without a GET per
 * evaluation. A failure is kept like a success, and every evaluation reports it until a refresh succeeds.
 */
public class DetectorCredentials {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What a breaker's calls use; {@link #credentials()} throws the resolution failure, if any. */
  public static final class Resolved {
    private final Credentials credentials;
    private final SSLContextParameters tls;
    private final String tlsBeanName;
    private final CredentialsUnavailableException failure;

    private Resolved(Credentials credentials, SSLContextParameters tls, CredentialsUnavailableException failure) {
      this.credentials = credentials;
      this.tls = tls;
      this.tlsBeanName = tls == null ? null : TrustedCas.beanName(credentials.caPem());
      this.failure = failure;
    }

    Credentials credentials() {
      if (failure != null) {
        throw new CredentialsUnavailableException(failure.getMessage());
      }
      return credentials;
    }

    /** The parameters trusting the breaker's CA bundle, or null for the JVM's authorities. */
    SSLContextParameters tls() {
      return tls;
    }

    /** The registry name the camel-http endpoint refers to {@link #tls()} by; null without a CA bundle. */
    String tlsBeanName() {
      return tlsBeanName;
    }
  }

  private record Entry(String references, Instant resolvedAt, Resolved resolved) {}

  private static final Resolved UNSECURED = new Resolved(Credentials.NONE, null, null);

  private final BiFunction<String, HttpEndpoint, Credentials> resolver;
  private final Duration refreshPeriod;
  private final Clock clock;
  private final Map<String, Entry> byBreaker = new ConcurrentHashMap<>();

  /** @param resolver reads an endpoint's references in a namespace ({@link CredentialsResolver#resolve}) */
  public DetectorCredentials(BiFunction<String, HttpEndpoint, Credentials> resolver, Duration refreshPeriod,
      Clock clock) {
    this.resolver = resolver;
    this.refreshPeriod = refreshPeriod;
    this.clock = clock;
  }

  /** Reads the references of the BreakerConfig's HTTP detectors that are new, changed or due; forgets gone breakers. */
  public void refresh(BreakerConfig config) {
    String namespace = config.getMetadata().getNamespace();
    String name = config.getMetadata().getName();
    for (BreakerSpec breaker : config.getSpec().breakers) {
      HttpEndpoint endpoint = DetectorExchange.httpEndpoint(breaker);
      if (endpoint != null) {
        current(namespace, name, breaker.name, endpoint);
      }
    }
    Set<String> keep = config.getSpec().breakers.stream().map(b -> key(namespace, name, b.name))
        .collect(Collectors.toSet());
    byBreaker.keySet().removeIf(key -> key.startsWith(namespace + "/" + name + "/") && !keep.contains(key));
  }

  /** Forgets a BreakerConfig that is gone or no longer runs. */
  public void forget(String namespace, String configName) {
    byBreaker.keySet().removeIf(key -> key.startsWith(namespace + "/" + configName + "/"));
  }

  /** The breaker's credentials and trust, read again first if new, changed or due. */
  public Resolved current(String namespace, String configName, String breaker, HttpEndpoint endpoint) {
    if (endpoint.authorization == null && endpoint.basicAuth == null && endpoint.tls == null) {
      return UNSECURED;
    }
    String key = key(namespace, configName, breaker);
    String references = references(endpoint);
    Instant now = clock.instant();
    Entry entry = byBreaker.get(key);
    if (entry != null && entry.references.equals(references) && now.isBefore(entry.resolvedAt.plus(refreshPeriod))) {
      return entry.resolved;
    }
    Resolved resolved = resolve(namespace, endpoint, entry);
    byBreaker.put(key, new Entry(references, now, resolved));
    return resolved;
  }

  private Resolved resolve(String namespace, HttpEndpoint endpoint, Entry previous) {
    try {
      Credentials credentials = resolver.apply(namespace, endpoint);
      String caPem = credentials.caPem();
      // Rebuilt only when the bundle changed: camel-http keeps an endpoint and connection pool per parameters bean.
      SSLContextParameters tls = caPem == null ? null
          : previous != null && previous.resolved.failure == null && caPem.equals(previous.resolved.credentials.caPem())
              ? previous.resolved.tls : TrustedCas.trusting(caPem);
      return new Resolved(credentials, tls, null);
    } catch (CredentialsUnavailableException e) {
      return new Resolved(Credentials.NONE, null, e);
    }
  }

  /** The endpoint's references, as JSON: a change of any of them means reading them again at once. */
  private static String references(HttpEndpoint endpoint) {
    try {
      return JSON.writeValueAsString(Arrays.asList(endpoint.authorization, endpoint.basicAuth, endpoint.tls));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String key(String namespace, String configName, String breaker) {
    return namespace + "/" + configName + "/" + breaker;
  }
}
