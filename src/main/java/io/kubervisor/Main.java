package io.kubervisor;

import java.nio.file.Files;
import java.nio.file.Path;

/** Starts the operator: camel-main loads application.properties, the routes and {@link OperatorConfiguration}. */
public final class Main {

  /**
   * The routes shipped in the jar: operator, templates and the built-in detectors. One pattern per folder: inside a
   * jar, Camel resolves {@code routes/**} matches without their sub-folder.
   */
  static final String SHIPPED_ROUTES = "classpath:routes/*.camel.yaml,classpath:routes/templates/*.camel.yaml,"
      + "classpath:routes/detectors/*.camel.yaml";

  private Main() {}

  public static void main(String[] args) throws Exception {
    System.exit(create(routesIncludePattern()).run(args));
  }

  /** The operator's Camel main, with these routes; the tests run it with the working tree's routes/. */
  public static org.apache.camel.main.Main create(String routesIncludePattern) {
    org.apache.camel.main.Main main = new org.apache.camel.main.Main();
    main.bind("metricsRegistry", OperatorConfiguration.newMetricsRegistry());
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
    return Files.isDirectory(Path.of(extraDir)) ? SHIPPED_ROUTES + ",file:" + extraDir + "/*.camel.yaml" : SHIPPED_ROUTES;
  }
}
