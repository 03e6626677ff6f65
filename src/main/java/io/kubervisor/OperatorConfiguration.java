package io.kubervisor;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.RequestConfigBuilder;
import io.kubervisor.api.v1alpha1.Durations;
import io.kubervisor.cluster.CacheReadiness;
import io.kubervisor.cluster.ClusterCache;
import io.kubervisor.cluster.GzipResponses;
import io.kubervisor.cluster.Scope;
import io.kubervisor.detectors.ExternalRequest;
import io.kubervisor.detectors.ExternalVerdicts;
import io.kubervisor.detectors.PrometheusRequest;
import io.kubervisor.detectors.PrometheusVerdicts;
import io.kubervisor.detectors.http.CredentialsResolver;
import io.kubervisor.detectors.http.DetectorAnswer;
import io.kubervisor.detectors.http.DetectorCall;
import io.kubervisor.detectors.http.DetectorCallFailure;
import io.kubervisor.detectors.http.DetectorCredentials;
import io.kubervisor.engine.Contained;
import io.kubervisor.engine.Engine;
import io.kubervisor.engine.Leadership;
import io.kubervisor.engine.ReadVerdicts;
import io.kubervisor.engine.Metrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Processor;
import org.apache.camel.PropertyInject;

/**
 * The beans the routes use. camel-kubernetes endpoints pick up the {@code kubernetesClient} bean instead of building a
 * client each.
 */
public class OperatorConfiguration implements CamelConfiguration {

  /** What the operator's requests carry as User-Agent: {@code kubervisor/<version>}. */
  public static final String USER_AGENT = "kubervisor/"
      + Objects.requireNonNullElse(OperatorConfiguration.class.getPackage().getImplementationVersion(), "dev");

  /** One namespace to supervise; blank supervises every namespace the service account may see. */
  @PropertyInject(value = "kubervisor.namespace", defaultValue = "")
  String namespace;

  /** How often the informers replay their whole cache, so a missed event is repaired. */
  @PropertyInject(value = "kubervisor.resync-period", defaultValue = "60s")
  String resyncPeriod;

  /** How many detector calls run at once, whatever the number of BreakerConfigs. */
  @PropertyInject(value = "kubervisor.detector-calls", defaultValue = "16")
  int detectorCalls;

  @BindToRegistry(value = "kubernetesClient", destroyMethod = "close")
  public KubernetesClient kubernetesClient() {
    // The current kubeconfig, or the pod's service account when running in a cluster.
    Config config = Config.autoConfigure(null);
    // Names kubervisor in the API server's audit log and request logs.
    config.setUserAgent(USER_AGENT);
    return new KubernetesClientBuilder().withConfig(config)
        .withHttpClientBuilderConsumer(http -> http.addOrReplaceInterceptor(GzipResponses.NAME, new GzipResponses()))
        .build();
  }

  /**
   * The client of every write but the Lease's: never retried, and bounded by Leadership.WRITE_TIMEOUT, so no write
   * lands after this replica's leadership may have passed to another (fabric8 retries a failed request for up to about
   * two minutes by default). It shares the main client's connections; it is not a bean, so components that look a
   * client up by type find only the main one.
   */
  static KubernetesClient writeClient(KubernetesClient kubernetesClient) {
    return kubernetesClient.newClient(new RequestConfigBuilder(kubernetesClient.getConfiguration().getRequestConfig())
        .withRequestRetryBackoffLimit(0)
        .withRequestTimeout((int) Leadership.WRITE_TIMEOUT.toMillis())
        .build()).adapt(KubernetesClient.class);
  }

  /** Where the leader-election Lease lives; by default the operator's own namespace. */
  @PropertyInject(value = "kubervisor.lease-namespace", defaultValue = "")
  String leaseNamespace;

  @BindToRegistry("clusterCache")
  public ClusterCache clusterCache(KubernetesClient kubernetesClient) {
    return new ClusterCache(kubernetesClient, Scope.of(namespace), Durations.parse(resyncPeriod));
  }

  /**
   * The registry of every kubervisor and Camel meter, scraped on /metrics; docs/metrics.md lists what kubervisor
   * exports. {@link Main} binds it as {@code metricsRegistry} before Camel starts: camel-micrometer-prometheus looks it
   * up by that name early, before the beans of this class are bound, and would otherwise serve a registry of its own.
   */
  public static PrometheusMeterRegistry newMetricsRegistry() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().meterFilter(Metrics.latencyHistograms());
    return registry;
  }

  /** Found by Camel's health-check registry: /health/ready is down until the caches have synced. */
  @BindToRegistry("cacheReadiness")
  public CacheReadiness cacheReadiness(ClusterCache clusterCache) {
    return new CacheReadiness(clusterCache::watches, Durations.parse(resyncPeriod), Clock.systemUTC());
  }

  @BindToRegistry("prometheusRequest")
  public Processor prometheusRequest() {
    return Contained.errors(new PrometheusRequest(PrometheusRequest.Question.FIRST));
  }

  @BindToRegistry("prometheusSecondRequest")
  public Processor prometheusSecondRequest() {
    return Contained.errors(new PrometheusRequest(PrometheusRequest.Question.SECOND));
  }

  @BindToRegistry("prometheusVerdicts")
  public Processor prometheusVerdicts() {
    return Contained.errors(new PrometheusVerdicts());
  }

  @BindToRegistry("externalRequest")
  public Processor externalRequest() {
    return Contained.errors(new ExternalRequest());
  }

  /** The largest detector answer read; a larger one is a detector error (docs/detectors.md). 4 MiB by default. */
  @PropertyInject(value = "kubervisor.detector-max-response-bytes", defaultValue = "4194304")
  long detectorMaxResponseBytes;

  /** Bounds each wait of a Prometheus call (the answer, each read); the external detector has its own timeout. */
  @PropertyInject(value = "kubervisor.prometheus-timeout", defaultValue = "10s")
  String prometheusTimeout;

  /** Detectors' Secrets and ConfigMaps, read with GET when a breaker is configured, again every resync period. */
  @BindToRegistry("detectorCredentials")
  public DetectorCredentials detectorCredentials(KubernetesClient kubernetesClient) {
    return new DetectorCredentials(new CredentialsResolver(kubernetesClient)::resolve, Durations.parse(resyncPeriod),
        Clock.systemUTC());
  }

  @BindToRegistry("detectorCall")
  public Processor detectorCall(DetectorCredentials detectorCredentials) {
    return Contained.errors(new DetectorCall(detectorCredentials, Durations.parse(prometheusTimeout)));
  }

  @BindToRegistry("detectorAnswer")
  public Processor detectorAnswer(CamelContext camelContext) {
    return Contained.errors(new DetectorAnswer(detectorMaxResponseBytes, camelContext.getExecutorServiceManager()
        .newSingleThreadScheduledExecutor(this, "detector-deadlines")));
  }

  @BindToRegistry("readVerdicts")
  public Processor readVerdicts() {
    return Contained.errors(new ReadVerdicts(detectorMaxResponseBytes));
  }

  @BindToRegistry("detectorCallFailure")
  public Processor detectorCallFailure() {
    return Contained.errors(new DetectorCallFailure());
  }

  @BindToRegistry("externalVerdicts")
  public Processor externalVerdicts() {
    return Contained.errors(new ExternalVerdicts());
  }

  /** Unique per process, also when two replicas share a host (HOSTNAME is the pod name in a cluster). */
  static String identity() {
    String host = System.getenv().getOrDefault("HOSTNAME", "kubervisor");
    return host + "-" + ProcessHandle.current().pid();
  }

  private String leaseNamespace() {
    if (!leaseNamespace.isBlank()) {
      return leaseNamespace;
    }
    Path inCluster = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace");
    try {
      if (Files.isReadable(inCluster)) {
        return Files.readString(inCluster).trim();
      }
    } catch (IOException e) {
      // fall through to the supervised namespace
    }
    return namespace.isBlank() ? "default" : namespace;
  }

  @Override
  public void configure(CamelContext camelContext) throws Exception {
    KubernetesClient client = camelContext.getRegistry().lookupByNameAndType("kubernetesClient",
        KubernetesClient.class);
    KubernetesClient writeClient = writeClient(client);
    ClusterCache cache = camelContext.getRegistry().lookupByNameAndType("clusterCache", ClusterCache.class);
    MeterRegistry meters = camelContext.getRegistry().lookupByNameAndType("metricsRegistry", MeterRegistry.class);
    Engine.install(camelContext, client, writeClient, cache, meters, leaseNamespace(), identity(), Clock.systemUTC(),
        detectorCalls);
    // The watches start now, while Camel loads the routes; the cache then starts and stops with the context.
    cache.beginSync();
    camelContext.addService(cache, true, true);
  }
}
