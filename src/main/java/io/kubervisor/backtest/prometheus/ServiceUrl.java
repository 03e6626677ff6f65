package io.kubervisor.backtest.prometheus;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A prometheusService URL that may name a Service of the cluster, which the user's machine cannot resolve:
 * {@code http(s)://NAME.NS.svc[.cluster.local][:PORT][/PATH]} certainly does; {@code NAME.NS} and a bare {@code NAME}
 * (of the BreakerConfig's namespace), as pods resolve them, do when the cluster has that Service.
 *
 * @param explicit the host ends in {@code .svc} or {@code .svc.cluster.local}
 * @param path the URL's path, such as a route prefix; empty for none
 */
public record ServiceUrl(String url, boolean https, String name, String namespace, int port, String path,
    boolean explicit) {

  private static final Pattern HOST = Pattern.compile(
      "([a-z0-9]([-a-z0-9]*[a-z0-9])?)(\\.([a-z0-9]([-a-z0-9]*[a-z0-9])?))?(\\.svc(\\.cluster\\.local)?)?");

  /** @param namespace the BreakerConfig's, for a bare {@code NAME} */
  static Optional<ServiceUrl> parse(String url, String namespace) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    Matcher host = uri.getHost() == null ? null : HOST.matcher(uri.getHost());
    if (host == null || !host.matches() || "localhost".equals(uri.getHost()) || uri.getRawQuery() != null) {
      return Optional.empty();
    }
    boolean explicit = host.group(6) != null;
    if (explicit && host.group(4) == null) {
      return Optional.empty();
    }
    boolean https = "https".equals(uri.getScheme());
    int port = uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80;
    String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
    return Optional.of(new ServiceUrl(url, https, host.group(1), host.group(4) != null ? host.group(4) : namespace,
        port, path, explicit));
  }

  /** The API server's path that proxies to it, to which Prometheus' API path is added. */
  String proxyPath() {
    return "/api/v1/namespaces/" + namespace + "/services/" + (https ? "https:" : "") + name + ":" + port + "/proxy"
        + path;
  }
}
