package io.kubervisor.backtest;

import io.kubervisor.analysis.Verdict;
import io.kubervisor.api.v1alpha1.BreakerConfig;
import io.kubervisor.api.v1alpha1.BreakerSpec;
import io.kubervisor.detectors.DetectorExchange;
import io.kubervisor.detectors.DetectorRequest;
import io.kubervisor.engine.VerdictReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Route;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/**
 * The user's detector routes, loaded from the directory the operator loads them from ({@code
 * KUBERVISOR_EXTRA_ROUTES_DIR}) into a Camel context of the backtest's own, and asked as the operator asks them, with
 * the past instant in the request's {@code time} and the {@value DetectorExchange#TIME} header.
 */
public final class CustomDetectorRoutes implements CustomDetectors, AutoCloseable {

  /** As the operator's default kubervisor.detector-max-response-bytes. */
  private static final long MAX_ANSWER_BYTES = 4L * 1024 * 1024;

  private final Path dir;
  private final CamelContext camel;
  private final ProducerTemplate producer;

  private CustomDetectorRoutes(Path dir, CamelContext camel) {
    this.dir = dir;
    this.camel = camel;
    this.producer = camel.createProducerTemplate();
  }

  /** Loads and starts every {@code *.camel.yaml} route file of {@code dir}. */
  public static CustomDetectorRoutes load(Path dir) {
    List<Path> files;
    try (Stream<Path> listing = Files.list(dir)) {
      files = listing.filter(f -> f.getFileName().toString().endsWith(".camel.yaml")).sorted().toList();
    } catch (IOException e) {
      throw new BacktestException("cannot read the detector routes in " + dir + ": " + e.getMessage());
    }
    CamelContext camel = new DefaultCamelContext();
    try {
      Resource[] resources = new Resource[files.size()];
      for (int i = 0; i < resources.length; i++) {
        resources[i] = ResourceHelper.resolveMandatoryResource(camel, "file:" + files.get(i).toAbsolutePath());
      }
      PluginHelper.getRoutesLoader(camel).loadRoutes(resources);
      camel.start();
      return new CustomDetectorRoutes(dir, camel);
    } catch (Exception e) {
      camel.stop();
      throw new BacktestException("cannot load the detector routes in " + dir + ": " + e.getMessage());
    }
  }

  /** The routes of KUBERVISOR_EXTRA_ROUTES_DIR when the BreakerConfig has a custom detector, else {@link #NONE}. */
  static CustomDetectors forConfig(BreakerConfig config) {
    String dir = System.getenv("KUBERVISOR_EXTRA_ROUTES_DIR");
    boolean custom = config.getSpec().breakers.stream().anyMatch(b -> b.custom != null);
    return custom && dir != null && !dir.isBlank() ? load(Path.of(dir)) : NONE;
  }

  @Override
  public Optional<String> whyNotReplayable(String detector) {
    Route route = camel.getRoute("detector-" + detector);
    if (route == null) {
      return Optional.of("custom detector " + detector + ": no route detector-" + detector + " in " + dir);
    }
    if (!DetectorExchange.ACCEPTS_TIME_GROUP.equals(route.getGroup())) {
      return Optional.of("custom detector " + detector + " does not declare that it accepts a time (route group "
          + DetectorExchange.ACCEPTS_TIME_GROUP + ", docs/backtest.md)");
    }
    return Optional.empty();
  }

  @Override
  public List<Verdict> ask(BreakerConfig config, BreakerSpec breaker, Instant time, List<String> pods)
      throws Exception {
    DetectorRequest request = new DetectorRequest(config.getMetadata().getNamespace(), config.getSpec().service,
        config.getMetadata().getName(), breaker.name, pods, time.toString());
    Object answer = producer.requestBodyAndHeaders("direct:detector-" + breaker.custom.name, request,
        DetectorExchange.headers(breaker, request));
    return VerdictReader.read(answer, breaker.custom.name, MAX_ANSWER_BYTES);
  }

  @Override
  public void close() {
    camel.stop();
  }
}
