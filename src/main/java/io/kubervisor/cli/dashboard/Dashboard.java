package io.kubervisor.cli.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubervisor.api.v1alpha1.BreakerConfig;
import io.kubervisor.cli.CliException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * {@code kubectl kubervisor dashboard}: a web server on 127.0.0.1 that shows the BreakerConfigs in scope, live, and
 * steers them with the user's kubeconfig.
 *
 * <p>Only this machine's browser can reach it, and only pages it served can act: a request must name this server as
 * its Host (no DNS rebinding), and an action must carry a header that a page of another site cannot send without
 * asking first (a CORS preflight, which is never granted).
 */
public final class Dashboard implements AutoCloseable {

  /** The header every action carries; a cross-site form or fetch cannot add it. */
  static final String ACTION_HEADER = "X-Kubervisor-Dashboard";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final KubernetesClient client;
  private final Scope scope;
  private final Clock clock;
  private final HttpServer server;
  private final ExecutorService threads;
  private final LiveUpdates updates;
  private final Watched watched;
  private final Set<String> hosts;

  private Dashboard(KubernetesClient client, Scope scope, Clock clock, int port) {
    this.client = client;
    this.scope = scope;
    this.clock = clock;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    } catch (BindException e) {
      throw new CliException("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage() + " (another dashboard?);"
          + " pick another port with --port", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int bound = server.getAddress().getPort();
    hosts = Set.of("127.0.0.1:" + bound, "localhost:" + bound);
    updates = new LiveUpdates(this::stateJson);
    try {
      watched = new Watched(client, scope, updates::changed);
    } catch (RuntimeException e) {
      updates.close();
      server.stop(0);
      throw e;
    }
    threads = Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, "dashboard-http");
      thread.setDaemon(true);
      return thread;
    });
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  /**
   * Watches the cluster and serves the pages.
   *
   * @param port 0 for any free one
   * @throws CliException when the port is taken or the watches are refused
   */
  public static Dashboard start(KubernetesClient client, Scope scope, int port) {
    return new Dashboard(client, scope, Clock.systemUTC(), port);
  }

  /** The overview's address. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  /** Every answer but the event stream closes its exchange once sent. */
  private void handle(HttpExchange exchange) throws IOException {
    try {
      String path = exchange.getRequestURI().getPath();
      if (!hosts.contains(String.valueOf(exchange.getRequestHeaders().getFirst("Host")))) {
        text(exchange, 421, "this dashboard answers only at " + url());
        return;
      }
      String method = exchange.getRequestMethod();
      if (method.equals("POST") && path.equals("/api/actions")) {
        action(exchange);
        return;
      }
      if (!method.equals("GET")) {
        text(exchange, 405, method + " is not served here");
        return;
      }
      switch (path) {
        case "/api/stream" -> updates.open(exchange); // kept open, until the page goes
        case "/api/state" -> json(exchange, 200, stateJson());
        case "/api/kpi" -> kpi(exchange);
        default -> Assets.serve(exchange, path);
      }
    } catch (RuntimeException e) {
      text(exchange, 500, "the dashboard failed: " + e);
    }
  }

  private String stateJson() {
    return write(Snapshot.of(watched, scope, client.getMasterUrl().toString()));
  }

  private void kpi(HttpExchange exchange) throws IOException {
    Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
    String namespace = query.get("namespace");
    String name = query.get("name");
    BreakerConfig config = watched.breakerConfigs().stream()
        .filter(c -> c.getMetadata().getNamespace().equals(namespace) && c.getMetadata().getName().equals(name))
        .findFirst().orElse(null);
    if (config == null) {
      json(exchange, 200, write(Map.of("error", "breakerconfig " + name + " not found in namespace " + namespace)));
      return;
    }
    Set<String> pods = Snapshot.of(watched, scope, "").configs().stream()
        .filter(c -> c.namespace().equals(namespace) && c.name().equals(name))
        .flatMap(c -> c.pods().stream()).map(Snapshot.PodView::name).collect(Collectors.toSet());
    json(exchange, 200, write(KpiCharts.of(client, config, pods, clock.instant())));
  }

  private void action(HttpExchange exchange) throws IOException {
    if (exchange.getRequestHeaders().getFirst(ACTION_HEADER) == null) {
      json(exchange, 403, write(Map.of("error", "an action needs the " + ACTION_HEADER + " header that the"
          + " dashboard's pages send")));
      return;
    }
    Actions.Request request;
    try (InputStream body = exchange.getRequestBody()) {
      request = JSON.readValue(body, Actions.Request.class);
    } catch (IOException e) {
      json(exchange, 400, write(Map.of("error", "the request is not an action: " + e.getMessage())));
      return;
    }
    try {
      json(exchange, 200, write(Map.of("message", Actions.run(client, scope, request))));
    } catch (CliException e) {
      // Answered, not failed: the page shows the refusal, and the browser's console stays for real errors.
      json(exchange, 200, write(Map.of("error", e.getMessage())));
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> query = new LinkedHashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        String[] parts = pair.split("=", 2);
        query.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
            parts.length < 2 ? "" : URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
      }
    }
    return query;
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void json(HttpExchange exchange, int status, String body) throws IOException {
    Assets.send(exchange, status, "application/json; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
  }

  private static void text(HttpExchange exchange, int status, String body) throws IOException {
    Assets.send(exchange, status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    updates.close(); // first, so that each page's stream ends cleanly
    server.stop(0);
    watched.close();
    threads.shutdownNow();
  }
}
