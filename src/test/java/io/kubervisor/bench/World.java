package io.kubervisor.bench;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubervisor.api.v1alpha1.BreakerConfig;
import io.kubervisor.bench.FleetLayout.ServiceRef;
import io.kubervisor.cluster.TrafficLabels;
import io.kubervisor.it.ChartInstall;
import io.kubervisor.it.Crds;
import io.kubervisor.testing.LocalControlPlane;
import io.kubervisor.testing.LocalPrometheus;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * One size's world on loopback: a control plane with kwok nodes enough for its pods, the Deployments, Services and
 * BreakerConfigs of its layout, an exporter of every pod's series and a Prometheus scraping it. Built and timed step
 * by step; {@link #close()} stops it all.
 */
final class World implements AutoCloseable {

  /** The chart's release, installed in the namespace of its name, where the Lease lives. */
  static final String LEASE_NAMESPACE = "kubervisor";
  /** The chart's ServiceAccount in a release of that name. */
  private static final String SERVICE_ACCOUNT = "kubervisor";
  /** The operator's identity, the chart's ServiceAccount's, so the audit log tells its calls apart. */
  static final String OPERATOR_USER = "system:serviceaccount:" + LEASE_NAMESPACE + ":" + SERVICE_ACCOUNT;

  private static final int PODS_PER_NODE = 500;
  /** kube-controller-manager and kube-scheduler at their defaults (20 and 50 QPS) take minutes over 10,000 pods. */
  private static final int CONTROLLER_QPS = 500;
  /** Every request of the operator, and nothing else: the log stays small whatever the fleet. */
  private static final String AUDIT_POLICY = """
      apiVersion: audit.k8s.io/v1
      kind: Policy
      omitStages: ["RequestReceived"]
      rules:
        - level: Metadata
          users: ["%s"]
        - level: None
      """.formatted(OPERATOR_USER);

  /** How long each step of the build took, in seconds. */
  record BuildTimes(double controlPlane, double pods, double series, double breakerConfigs, double total) {}

  private final FleetLayout layout;
  private LocalControlPlane plane;
  private FleetExporter exporter;
  private LocalPrometheus prometheus;
  private Map<ServiceRef, List<String>> podsByService;
  private BuildTimes buildTimes;

  private World(FleetLayout layout) {
    this.layout = layout;
  }

  static World build(FleetLayout layout, Consumer<String> progress) throws IOException {
    World world = new World(layout);
    try {
      world.boot(progress);
    } catch (IOException | RuntimeException e) {
      world.close();
      throw e;
    }
    return world;
  }

  private void boot(Consumer<String> progress) throws IOException {
    long begin = System.nanoTime();
    int nodes = (layout.pods() + PODS_PER_NODE - 1) / PODS_PER_NODE;
    progress.accept("starting the control plane with " + nodes + " kwok nodes");
    plane = LocalControlPlane.start(new LocalControlPlane.Options(nodes, PODS_PER_NODE, CONTROLLER_QPS,
        AUDIT_POLICY));
    long controlPlaneUp = System.nanoTime();
    KubernetesClient client = plane.adminClient();
    Crds.install(client);
    Set<String> namespaces = new HashSet<>(layout.namespaces());
    namespaces.add(LEASE_NAMESPACE);
    Parallel.forEach(namespaces, namespace -> createNamespace(client, namespace));
    // Pods are refused until kube-controller-manager has given their namespace its default ServiceAccount.
    await("the default ServiceAccount of " + namespaces.size() + " namespaces").atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> client.serviceAccounts().inAnyNamespace().withField("metadata.name", "default").list()
            .getItems().stream().filter(account -> namespaces.contains(account.getMetadata().getNamespace()))
            .count() == namespaces.size());
    installOperatorIdentity(client);
    progress.accept("creating " + layout.breakerConfigs() + " Deployments of " + layout.podsPerService()
        + " pods and their Services");
    Parallel.forEach(layout.services(), service -> createService(client, service, layout.podsPerService()));
    await(layout.pods() + " pods ready").atMost(Duration.ofMinutes(3).plusMillis(layout.pods() * 60L))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> readyPods(client) == layout.pods());
    long podsReady = System.nanoTime();

    podsByService = podNames(client);
    exporter = new FleetExporter();
    podsByService.forEach(exporter::addPods);
    progress.accept("starting Prometheus on the exporter of " + layout.pods() + " pods");
    prometheus = LocalPrometheus.launch();
    prometheus.addTarget(exporter.hostPort(), Map.of());
    await("Prometheus has every pod's series").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
        .until(() -> prometheus.query("count(http_requests_total)").stream()
            .anyMatch(sample -> sample.value() == layout.pods()));
    long seriesScraped = System.nanoTime();

    Parallel.forEach(layout.services(), service -> client.resources(BreakerConfig.class)
        .inNamespace(service.namespace()).resource(BenchBreakerConfig.of(service, prometheus.url())).create());
    long end = System.nanoTime();
    buildTimes = new BuildTimes(seconds(begin, controlPlaneUp), seconds(controlPlaneUp, podsReady),
        seconds(podsReady, seriesScraped), seconds(seriesScraped, end), seconds(begin, end));
  }

  /** The chart's ServiceAccount and RBAC, so the operator runs with the rights it has in a cluster. */
  private static void installOperatorIdentity(KubernetesClient client) throws IOException {
    List<HasMetadata> identity = ChartInstall.ofKinds(ChartInstall.render(client, LEASE_NAMESPACE, Map.of()),
        ChartInstall.IDENTITY_KINDS);
    String rendered = ChartInstall.find(identity, ServiceAccount.class).getMetadata().getName();
    if (!rendered.equals(SERVICE_ACCOUNT)) {
      throw new IllegalStateException("the chart's ServiceAccount is " + rendered + ", not " + SERVICE_ACCOUNT
          + ": the audit policy would not see the operator");
    }
    ChartInstall.apply(client, identity);
  }

  private static void createNamespace(KubernetesClient client, String name) {
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .create();
  }

  /**
   * A Deployment whose pods carry {@code kubervisor/traffic=yes} from birth, as the availability issue makes them, and
   * a Service that selects on it.
   */
  private static void createService(KubernetesClient client, ServiceRef service, int replicas) {
    Map<String, String> app = Map.of("app", service.name());
    Map<String, String> inTraffic = Map.of("app", service.name(), TrafficLabels.TRAFFIC, TrafficLabels.YES);
    client.apps().deployments().inNamespace(service.namespace()).resource(new DeploymentBuilder()
        .withNewMetadata().withName(service.name()).endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .withNewSelector().withMatchLabels(app).endSelector()
        .withNewTemplate()
        .withNewMetadata().withLabels(inTraffic).endMetadata()
        .withNewSpec()
        .addNewContainer().withName("app").withImage("example.com/web:1").addNewPort().withContainerPort(8080)
        .endPort().endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build()).create();
    client.services().inNamespace(service.namespace()).resource(new ServiceBuilder()
        .withNewMetadata().withName(service.name()).endMetadata()
        .withNewSpec()
        .withSelector(inTraffic)
        .addNewPort().withPort(80).withTargetPort(new IntOrString(8080)).endPort()
        .endSpec()
        .build()).create();
  }

  private static int readyPods(KubernetesClient client) {
    return client.apps().deployments().inAnyNamespace().list().getItems().stream()
        .map(Deployment::getStatus)
        .filter(Objects::nonNull)
        .mapToInt(status -> Objects.requireNonNullElse(status.getReadyReplicas(), 0))
        .sum();
  }

  private Map<ServiceRef, List<String>> podNames(KubernetesClient client) {
    Map<String, ServiceRef> services = layout.services().stream()
        .collect(Collectors.toMap(ServiceRef::key, service -> service));
    return layout.namespaces().stream()
        .flatMap(namespace -> client.pods().inNamespace(namespace).list().getItems().stream())
        .collect(Collectors.groupingBy(
            pod -> services.get(pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getLabels().get("app")),
            Collectors.mapping(pod -> pod.getMetadata().getName(), Collectors.toList())));
  }

  private static double seconds(long fromNanos, long toNanos) {
    return (toNanos - fromNanos) / 1e9;
  }

  FleetLayout layout() {
    return layout;
  }

  KubernetesClient client() {
    return plane.adminClient();
  }

  LocalControlPlane plane() {
    return plane;
  }

  FleetExporter exporter() {
    return exporter;
  }

  LocalPrometheus prometheus() {
    return prometheus;
  }

  Map<ServiceRef, List<String>> podsByService() {
    return podsByService;
  }

  BuildTimes buildTimes() {
    return buildTimes;
  }

  /** A kubeconfig of the chart's ServiceAccount, with a bound token from the TokenRequest API as a pod has. */
  Path operatorKubeconfig() throws IOException {
    return ChartInstall.serviceAccountKubeconfig(plane, LEASE_NAMESPACE, SERVICE_ACCOUNT);
  }

  @Override
  public void close() {
    if (prometheus != null) {
      prometheus.close();
    }
    if (exporter != null) {
      exporter.close();
    }
    if (plane != null) {
      plane.close();
    }
  }
}
