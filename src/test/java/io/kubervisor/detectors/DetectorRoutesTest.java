package io.kubervisor.detectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.kubervisor.analysis.PrometheusQueryException;
import io.kubervisor.analysis.Verdict;
import io.kubervisor.api.v1alpha1.Authorization;
import io.kubervisor.api.v1alpha1.BreakerSpec;
import io.kubervisor.api.v1alpha1.ContinuousValueDeviation;
import io.kubervisor.api.v1alpha1.DiscreteValueOutOfList;
import io.kubervisor.api.v1alpha1.ExternalDetector;
import io.kubervisor.api.v1alpha1.KeySelector;
import io.kubervisor.api.v1alpha1.OutlierDetector;
import io.kubervisor.detectors.http.Credentials;
import io.kubervisor.detectors.http.DetectorAnswer;
import io.kubervisor.detectors.http.DetectorCall;
import io.kubervisor.detectors.http.DetectorCallException;
import io.kubervisor.detectors.http.DetectorCallFailure;
import io.kubervisor.detectors.http.DetectorCredentials;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The detector routes of routes/detectors/, run by Camel against a stand-in HTTP backend. */
class DetectorRoutesTest extends CamelTestSupport {

  private final AtomicInteger httpEndpointsMade = new AtomicInteger();

  private static final List<String> PODS = List.of("web-1", "web-2", "web-3", "web-4", "web-5");
  private static final String TOKEN = "s3cr3t-t0ken";
  private static final long MAX_BYTES = 64 * 1024;

  private HttpServer backend;
  /** Path to the body the stand-in answers; a query's decoded PromQL is recorded in {@link #queries}. */
  private final Map<String, String> answers = new ConcurrentHashMap<>();
  private final List<String> queries = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final List<String> rawQueries = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final List<String> requestBodies = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final List<String> authorizations = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor();
  /** Bytes the stand-in managed to send of its endless answers. */
  private final AtomicLong sent = new AtomicLong();

  @BeforeEach
  void startBackend() throws IOException {
    backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    backend.createContext("/", exchange -> {
      URI uri = exchange.getRequestURI();
      authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
      if (uri.getPath().equals("/huge")) {
        // Chunked, with no Content-Length: the limit must hold while reading.
        exchange.sendResponseHeaders(200, 0);
        byte[] chunk = "\"web-1\",".repeat(1000).getBytes(StandardCharsets.UTF_8);
        try {
          exchange.getResponseBody().write("[".getBytes(StandardCharsets.UTF_8));
          for (int i = 0; i < 100; i++) {
            exchange.getResponseBody().write(chunk);
          }
        } catch (IOException clientGaveUp) {
          // expected: the detector stops reading past the limit
        }
        exchange.close();
        return;
      }
      if (uri.getPath().equals("/endless") || uri.getPath().equals("/trickle")) {
        // 100 MB at full speed, or one byte every 100 ms: either must be cut, not read whole.
        boolean trickle = uri.getPath().equals("/trickle");
        exchange.sendResponseHeaders(200, 0);
        byte[] chunk = (trickle ? " " : "[" + "\"web-1\",".repeat(8191)).getBytes(StandardCharsets.UTF_8);
        try (var out = exchange.getResponseBody()) {
          for (long i = 0; i < (trickle ? 100 : 100L * 1024 * 1024 / chunk.length); i++) {
            out.write(chunk);
            out.flush();
            sent.addAndGet(chunk.length);
            if (trickle) {
              release.await(100, TimeUnit.MILLISECONDS);
            }
          }
        } catch (IOException | InterruptedException clientGaveUp) {
          // expected: the detector stops reading
        }
        return;
      }
      if (uri.getPath().equals("/private") && !("Bearer " + TOKEN).equals(
          exchange.getRequestHeaders().getFirst("Authorization"))) {
        exchange.sendResponseHeaders(401, -1);
        exchange.close();
        return;
      }
      if ("POST".equals(exchange.getRequestMethod())) {
        requestBodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      }
      String rawQuery = uri.getRawQuery();
      if (rawQuery != null && !rawQuery.startsWith("query=")) {
        rawQueries.add(rawQuery);
      }
      if (rawQuery != null && rawQuery.startsWith("query=")) {
        queries.add(URLDecoder.decode(rawQuery.substring("query=".length()), StandardCharsets.UTF_8));
      }
      if (uri.getPath().equals("/slow")) {
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      String body = answers.getOrDefault(uri.getPath() + "?" + queries.size(), answers.getOrDefault(uri.getPath(), "{}"));
      int status = body.contains("\"status\":\"error\"") ? 400 : 200;
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    backend.start();
  }

  @AfterEach
  void stopBackend() {
    release.countDown();
    backend.stop(0);
    deadlines.shutdownNow();
  }

  @Override
  protected void bindToRegistry(Registry registry) {
    registry.bind("prometheusRequest", new PrometheusRequest(PrometheusRequest.Question.FIRST));
    registry.bind("prometheusSecondRequest", new PrometheusRequest(PrometheusRequest.Question.SECOND));
    registry.bind("prometheusVerdicts", new PrometheusVerdicts());
    registry.bind("externalRequest", new ExternalRequest());
    registry.bind("externalVerdicts", new ExternalVerdicts());
    // Every breaker with credentials gets this token; the resolution itself is CredentialsResolverTest's.
    DetectorCredentials credentials = new DetectorCredentials(
        (namespace, endpoint) -> new Credentials("Bearer " + TOKEN, null), Duration.ofMinutes(1), Clock.systemUTC());
    registry.bind("detectorCall", new DetectorCall(credentials, Duration.ofSeconds(5)));
    registry.bind("detectorAnswer", new DetectorAnswer(MAX_BYTES, deadlines));
    registry.bind("detectorCallFailure", new DetectorCallFailure());
  }

  @Override
  protected CamelContext createCamelContext() throws Exception {
    CamelContext context = super.createCamelContext();
    // As the operator runs (application.properties): nothing cached, answers read as they stream in.
    context.setStreamCaching(false);
    // Counts the endpoints it makes: Camel's registry keeps one per URI, whatever was made.
    HttpComponent http = new HttpComponent() {
      @Override
      protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters)
          throws Exception {
        httpEndpointsMade.incrementAndGet();
        return super.createEndpoint(uri, remaining, parameters);
      }
    };
    http.setContentCompressionDisabled(true);
    context.addComponent("http", http);
    for (String file : List.of("routes/detectors/prometheus.camel.yaml", "routes/detectors/external.camel.yaml",
        "routes/detectors/http.camel.yaml",
        "deploy/examples/detectors/scorer.camel.yaml")) {
      PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.resolveResource(context, "file:" + file));
    }
    return context;
  }

  @Test
  void discreteDetectorSendsEncodedPromQLAndJudgesBadShare() {
    answers.put("/api/v1/query", vector(
        series("web-1", "200", 70), series("web-1", "500", 30),
        series("web-2", "200", 100), series("web-3", "200", 99), series("web-3", "503", 1),
        series("web-4", "200", 10), series("web-5", "200", 10)));
    BreakerSpec breaker = discreteBreaker("sum by (pod, code) (increase(http_requests_total{job=\"web\"}[1m]) + 0)");
    breaker.discreteValueOutOfList.tolerancePercent = 10;

    List<Verdict> verdicts = call("direct:detector-discreteValueOutOfList", breaker);

    assertThat(queries).containsExactly(breaker.discreteValueOutOfList.promQL);
    assertThat(verdicts).filteredOn(Verdict::anomalous).extracting(Verdict::pod).containsExactly("web-1");
    assertThat(verdicts).extracting(Verdict::pod).containsExactlyElementsOf(PODS);
  }

  @Test
  void theFirstCallsOfAStartAtOnceMakeOneHttpEndpoint() throws Exception {
    answers.put("/api/v1/query", vector(series("web-1", "200", 100)));
    BreakerSpec breaker = discreteBreaker("up");
    int calls = 8;
    CountDownLatch together = new CountDownLatch(calls);
    ExecutorService callers = Executors.newFixedThreadPool(calls);
    try {
      List<Future<List<Verdict>>> answered = new ArrayList<>();
      for (int i = 0; i < calls; i++) {
        answered.add(callers.submit(() -> {
          together.countDown();
          together.await();
          return call("direct:detector-discreteValueOutOfList", breaker);
        }));
      }
      for (Future<List<Verdict>> verdicts : answered) {
        assertThat(verdicts.get(30, TimeUnit.SECONDS)).isNotEmpty();
      }
    } finally {
      callers.shutdownNow();
    }

    assertThat(httpEndpointsMade).hasValue(1);
  }

  @Test
  void prometheusErrorReachesTheCallerVerbatim() {
    answers.put("/api/v1/query", "{\"status\":\"error\",\"errorType\":\"bad_data\","
        + "\"error\":\"invalid parameter \\\"query\\\": 1:5: parse error: unexpected <by>\"}");
    BreakerSpec breaker = new BreakerSpec();
    breaker.name = "latency";
    breaker.continuousValueDeviation = new ContinuousValueDeviation();
    breaker.continuousValueDeviation.prometheusService = baseUrl();
    breaker.continuousValueDeviation.promQL = "sum by by (pod) (x)";

    assertThatThrownBy(() -> call("direct:detector-continuousValueDeviation", breaker))
        .hasRootCauseInstanceOf(PrometheusQueryException.class)
        .rootCause().hasMessageContaining("invalid parameter \"query\": 1:5: parse error: unexpected <by>");
  }

  @Test
  void outlierDetectorRunsTheVolumeQuerySecond() {
    answers.put("/api/v1/query?1", vector(value("web-1", 0.1), value("web-2", 0.11), value("web-3", 0.1),
        value("web-4", 0.12), value("web-5", 2.0)));
    answers.put("/api/v1/query?2", vector(value("web-1", 500), value("web-2", 500), value("web-3", 500),
        value("web-4", 500), value("web-5", 500)));
    BreakerSpec breaker = new BreakerSpec();
    breaker.name = "slow";
    breaker.outlier = new OutlierDetector();
    breaker.outlier.prometheusService = baseUrl();
    breaker.outlier.promQL = "latency";
    breaker.outlier.volumePromQL = "volume";
    breaker.outlier.minRequestVolume = 100.0;

    List<Verdict> verdicts = call("direct:detector-outlier", breaker);

    assertThat(queries).containsExactly("latency", "volume");
    assertThat(verdicts).filteredOn(Verdict::anomalous).extracting(Verdict::pod).containsExactly("web-5");
  }

  @Test
  void externalDetectorIgnoresPodsOutsideTheServiceAndNamesThem() {
    answers.put("/bad-pods", "[\"web-2\", \"other-9\"]");
    BreakerSpec breaker = external("/bad-pods", "1s");

    Exchange result = exchange("direct:detector-external", breaker);

    assertThat(verdicts(result)).filteredOn(Verdict::anomalous).extracting(Verdict::pod).containsExactly("web-2");
    assertThat(result.getProperty(DetectorExchange.IGNORED, List.class))
        .containsExactly("other-9 (not in traffic in Service web)");
  }

  @Test
  void externalDetectorIsToldTheNamespaceAndService() {
    answers.put("/bad-pods", "[]");

    call("direct:detector-external", external("/bad-pods?team=a", "1s"));

    assertThat(rawQueries).containsExactly("team=a&namespace=ns&service=web");
  }

  @Test
  void externalDetectorAcceptsAPodListAndHonoursItsNamespaces() {
    answers.put("/pods", "{\"kind\":\"PodList\",\"items\":[{\"metadata\":{\"name\":\"web-4\"}},"
        + "{\"metadata\":{\"name\":\"web-2\",\"namespace\":\"ns\"}},"
        + "{\"metadata\":{\"name\":\"web-1\",\"namespace\":\"other\"}}]}");

    Exchange result = exchange("direct:detector-external", external("/pods", "1s"));

    assertThat(verdicts(result)).filteredOn(Verdict::anomalous).extracting(Verdict::pod)
        .containsExactly("web-2", "web-4");
    assertThat(result.getProperty(DetectorExchange.IGNORED, List.class))
        .containsExactly("other/web-1 (another namespace)");
  }

  @Test
  void anEndlessAnswerIsCutAtTheLimitWithoutReadingTheRest() {
    long start = System.nanoTime();
    assertThatThrownBy(() -> call("direct:detector-external", external("/endless", "5s")))
        .rootCause().isInstanceOf(DetectorCallException.class).hasMessageContaining("-byte limit");

    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(3_000);
    // The connection is aborted, not drained: what the stand-in could still push is what the socket buffers hold.
    assertThat(sent.get()).isLessThan(10L * 1024 * 1024);
  }

  @Test
  void anAnswerThatTricklesInIsCutAtTheTimeout() {
    long start = System.nanoTime();
    assertThatThrownBy(() -> call("direct:detector-external", external("/trickle", "700ms")))
        .rootCause().isInstanceOf(DetectorCallException.class)
        .hasMessageContaining("did not arrive whole within the timeout");

    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(600L, 2_000L);
  }

  @Test
  void externalDetectorTimeoutIsHonoured() {
    long start = System.nanoTime();
    assertThatThrownBy(() -> call("direct:detector-external", external("/slow", "300ms")))
        .isInstanceOf(CamelExecutionException.class);
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5_000);
  }

  @Test
  void externalDetectorSendsTheBearerTokenOfItsSecret() {
    answers.put("/private", "[\"web-3\"]");
    BreakerSpec breaker = external("/private", "1s");
    breaker.external.authorization = new Authorization();
    breaker.external.authorization.credentials = new KeySelector("detector-token", "token");

    List<Verdict> verdicts = call("direct:detector-external", breaker);

    assertThat(authorizations).containsExactly("Bearer " + TOKEN);
    assertThat(verdicts).filteredOn(Verdict::anomalous).extracting(Verdict::pod).containsExactly("web-3");
  }

  @Test
  void withoutCredentialsA401IsADetectorErrorThatShowsNoBody() {
    assertThatThrownBy(() -> call("direct:detector-external", external("/private", "1s")))
        .rootCause().isInstanceOf(DetectorCallException.class)
        .hasMessageContaining("answered HTTP 401").hasMessageContaining("check the credentials");
    assertThat(authorizations).containsExactly("null");
  }

  @Test
  void anOversizedExternalAnswerIsADetectorErrorNotAPartialDecision() {
    assertThatThrownBy(() -> call("direct:detector-external", external("/huge", "5s")))
        .rootCause().isInstanceOf(DetectorCallException.class)
        .hasMessageContaining("larger than the " + MAX_BYTES + "-byte limit");
  }

  @Test
  void anOversizedPrometheusAnswerAnnouncedByContentLengthIsADetectorError() {
    answers.put("/api/v1/query", vector(series("web-1", "200", 1)) + " ".repeat((int) MAX_BYTES));
    BreakerSpec breaker = new BreakerSpec();
    breaker.name = "latency";
    breaker.continuousValueDeviation = new ContinuousValueDeviation();
    breaker.continuousValueDeviation.prometheusService = baseUrl();
    breaker.continuousValueDeviation.promQL = "x";

    assertThatThrownBy(() -> call("direct:detector-continuousValueDeviation", breaker))
        .rootCause().isInstanceOf(DetectorCallException.class).hasMessageContaining("-byte limit");
  }

  @Test
  void anUnreachableDetectorSaysSo() throws IOException {
    BreakerSpec breaker = external("/x", "2s");
    try (java.net.ServerSocket closed = new java.net.ServerSocket(0)) {
      breaker.external.url = "http://127.0.0.1:" + closed.getLocalPort() + "/x";
    }

    assertThatThrownBy(() -> call("direct:detector-external", breaker))
        .cause().isInstanceOf(DetectorCallException.class).hasMessageContaining("failed: Connection refused");
  }

  @Test
  void onlyHttpUrlsAreCalled() {
    BreakerSpec breaker = external("/x", "1s");
    breaker.external.url = "file:///etc/passwd";

    assertThatThrownBy(() -> call("direct:detector-external", breaker))
        .rootCause().hasMessageContaining("only http and https URLs are called, not file:");
  }

  @Test
  void theExampleCustomDetectorPostsTheRequestAndReturnsTheAnswer() {
    answers.put("/score", "[{\"pod\":\"web-3\",\"value\":0.97,\"anomalous\":true,\"reason\":\"score 0.97\"}]");
    BreakerSpec breaker = new BreakerSpec();
    breaker.name = "scorer";
    Exchange result = template.request("direct:detector-scorer", exchange -> {
      DetectorRequest request = new DetectorRequest("ns", "web", "web-bc", "scorer", PODS);
      exchange.setProperty(DetectorExchange.REQUEST, request);
      exchange.getIn().setHeader("url", baseUrl() + "/score");
      exchange.getIn().setBody(request);
    });

    assertThat(result.getException()).isNull();
    assertThat(requestBodies).singleElement().asString().contains("\"pods\":[\"web-1\"");
    assertThat(result.getMessage().getBody(String.class)).contains("\"web-3\"");
  }

  private BreakerSpec external(String path, String timeout) {
    BreakerSpec breaker = new BreakerSpec();
    breaker.name = "ext";
    breaker.external = new ExternalDetector();
    breaker.external.url = baseUrl() + path;
    breaker.external.timeout = timeout;
    return breaker;
  }

  /** Breaker "errors" on this test's Prometheus: by code, 200 good. */
  private BreakerSpec discreteBreaker(String promQL) {
    BreakerSpec breaker = new BreakerSpec();
    breaker.name = "errors";
    breaker.discreteValueOutOfList = new DiscreteValueOutOfList();
    breaker.discreteValueOutOfList.prometheusService = baseUrl();
    breaker.discreteValueOutOfList.promQL = promQL;
    breaker.discreteValueOutOfList.key = "code";
    breaker.discreteValueOutOfList.goodValues = List.of("200");
    return breaker;
  }

  private List<Verdict> call(String endpoint, BreakerSpec breaker) {
    return verdicts(exchange(endpoint, breaker));
  }

  private Exchange exchange(String endpoint, BreakerSpec breaker) {
    Exchange result = template.request(endpoint, exchange -> {
      DetectorRequest request = new DetectorRequest("ns", "web", "web-bc", breaker.name, PODS);
      exchange.setProperty(DetectorExchange.REQUEST, request);
      exchange.setProperty(DetectorExchange.BREAKER_SPEC, breaker);
      exchange.getIn().setBody(request);
    });
    if (result.getException() != null) {
      throw new CamelExecutionException("detector failed", result, result.getException());
    }
    return result;
  }

  @SuppressWarnings("unchecked")
  private static List<Verdict> verdicts(Exchange result) {
    return result.getMessage().getBody(List.class);
  }

  private String baseUrl() {
    return "http://127.0.0.1:" + backend.getAddress().getPort();
  }

  private static String vector(String... series) {
    return "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[" + String.join(",", series)
        + "]}}";
  }

  private static String series(String pod, String code, double count) {
    return "{\"metric\":{\"pod\":\"" + pod + "\",\"code\":\"" + code + "\"},\"value\":[1700000000,\"" + count + "\"]}";
  }

  private static String value(String pod, double value) {
    return "{\"metric\":{\"pod\":\"" + pod + "\"},\"value\":[1700000000,\"" + value + "\"]}";
  }
}
