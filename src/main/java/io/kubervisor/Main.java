package io.kubervisor;

import io.vertx.core.VertxOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Starts the operator: camel-main loads application.properties, the routes and {@link OperatorConfiguration}. */
public final class Main {

  /**
   * The routes shipped in the jar (the repository's routes/), by name. A pattern would make Camel scan every entry of
   * the jar for each pattern, twice (for modelines, then for the routes): most of camel-main's start-up on one CPU.
   * MainTest checks this list against routes/.
   */
  static final List<String> SHIPPED_ROUTES = List.of("supervisor.camel.yaml", "error-handling.camel.yaml",
      "detectors/prometheus.camel.yaml", "detectors/http.camel.yaml", "detectors/external.camel.yaml");

  private Main() {}

  public static void main(String[] args) throws Exception {
    System.exit(create(routesIncludePattern()).run(args));
  }

  /** The operator's Camel main, with these routes; the tests run it with the working tree's routes/. */
  public static org.apache.camel.main.Main create(String routesIncludePattern) {
    org.apache.camel.main.Main main = new org.apache.camel.main.Main();
    main.bind("metricsRegistry", OperatorConfiguration.newMetricsRegistry());
    // The Vert.x of the HTTP server of /metrics and /health (camel-platform-http takes the one VertxOptions bean). Its
    // handlers block, each on a worker thread, and Vert.x's default pool adds a thread per request until it has 20:
    // every scrape and probe added one. Two serve a scraper and a probe at once.
    main.bind("managementServerVertxOptions", new VertxOptions().setWorkerPoolSize(2));
    main.configure().addConfiguration(OperatorConfiguration.class);
    main.configure().withRoutesIncludePattern(routesIncludePattern);
    return main;
  }

  /**
   * Adds the detector routes a deployment mounts (a ConfigMap, say). Camel fails on a missing directory, so it is
   * added only when it exists.
   */
  static String routesIncludePattern() {
    String extraDir = System.getProperty("kubervisor.extra-routes-dir",
        System.getenv().getOrDefault("KUBERVISOR_EXTRA_ROUTES_DIR", "/etc/kubervisor/routes"));
    String shipped = SHIPPED_ROUTES.stream().map(route -> "classpath:routes/" + route).collect(Collectors.joining(","));
    return Files.isDirectory(Path.of(extraDir)) ? shipped + ",file:" + extraDir + "/*.camel.yaml" : shipped;
  }
}
