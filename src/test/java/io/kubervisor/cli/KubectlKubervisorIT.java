package io.kubervisor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubervisor.api.v1alpha1.BreakerConfig;
import io.kubervisor.api.v1alpha1.Mode;
import io.kubervisor.cluster.TrafficLabels;
import io.kubervisor.it.Crds;
import io.kubervisor.it.FakeDetector;
import io.kubervisor.it.OperatorProcess;
import io.kubervisor.it.TestFleet;
import io.kubervisor.testing.LocalControlPlane;
import io.kubervisor.testing.TestNamespace;
import io.kubervisor.testing.WithLocalCluster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every verb of kubectl kubervisor against the real control plane, with the operator's jar running. */
@WithLocalCluster
class KubectlKubervisorIT {

  private static final Duration SOON = Duration.ofSeconds(40);

  static Path kubeconfig;
  static FakeDetector detector;
  static OperatorProcess operator;

  /** What a command printed, and its exit code. */
  record Result(int exit, String out, String err) {
  }

  @BeforeAll
  static void start(LocalControlPlane plane, @TestNamespace("cli-lease") String leaseNamespace) throws Exception {
    kubeconfig = plane.kubeconfig();
    Crds.install(plane.adminClient());
    detector = new FakeDetector();
    operator = OperatorProcess.start(kubeconfig, Map.of("kubervisor.lease-namespace", leaseNamespace));
  }

  @AfterAll
  static void stop() throws Exception {
    if (operator != null) {
      operator.close();
    }
    if (detector != null) {
      detector.close();
    }
  }

  @Test
  void statusShowsEachBreakerConfigAndWithANameEveryPodAndWhy(KubernetesClient client,
      @TestNamespace("cli-status") String ns) {
    TestFleet fleet = TestFleet.create(client, ns, "web", 4);
    String bad = fleet.podNames().get(0);
    detector.anomalous(bad);
    apply(client, ns, "retryAndKill", "1m");
    await("broken").atMost(SOON).until(() -> TrafficLabels.NO.equals(fleet.traffic(bad)));
    Pattern counted = Pattern.compile("web\\s+web\\s+Enabled\\s+4\\s+3\\s+1\\s+0\\s+Ready=True");
    await("the status counts it").atMost(SOON)
        .until(() -> counted.matcher(kubervisor("status", "-n", ns).out()).find());

    Result all = kubervisor("status", "-A");
    Result one = kubervisor("status", "web", "-n", ns);

    assertThat(all.exit()).isZero();
    assertThat(all.out()).startsWith("NAMESPACE").containsPattern(ns + "\\s+web\\s+web\\s+Enabled");
    assertThat(one.exit()).isZero();
    assertThat(one.out()).contains("POD", "NEXT RETRY")
        .containsPattern(bad + "\\s+Broken\\s+external\\s+.*\\s+in \\d+s")
        .containsPattern(fleet.podNames().get(1) + "\\s+InTraffic")
        .contains("Breaker external: Evaluated");
    assertThat(kubervisor("status", "-n", ns + "-none").out()).isEqualTo("No BreakerConfigs in namespace " + ns
        + "-none.\n");
    Result missing = kubervisor("status", "nope", "-n", ns);
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err()).isEqualTo("error: breakerconfig nope not found in namespace " + ns
        + "; list them with: kubectl kubervisor status -n " + ns + "\n");
  }

  @Test
  void activateRefusesWhilePodsAreUnlabelledUnlessForcedAndDeactivateTurnsKubervisorOff(KubernetesClient client,
      @TestNamespace("cli-activate") String ns) {
    TestFleet fleet = TestFleet.create(client, ns, "web", 3);

    assertThat(kubervisor("deactivate", "web", "-n", ns).out()).contains("service web deactivated");
    assertThat(selector(client, ns)).doesNotContainKey(TrafficLabels.TRAFFIC);
    Result refused = kubervisor("activate", "web", "-n", ns);
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).startsWith("error: no BreakerConfig supervises service web").hasLineCount(1);
    assertThat(selector(client, ns)).doesNotContainKey(TrafficLabels.TRAFFIC);
    assertThat(kubervisor("activate", "web", "--force", "-n", ns).exit()).isZero();
    assertThat(selector(client, ns)).containsEntry(TrafficLabels.TRAFFIC, TrafficLabels.YES);
    assertThat(kubervisor("activate", "web", "-n", ns).out()).contains("already selects");

    assertThat(kubervisor("deactivate", "web", "-n", ns).exit()).isZero();
    apply(client, ns, "periodic", "10s");
    await("kubervisor labels every pod").atMost(SOON)
        .until(() -> fleet.podsWithTraffic(TrafficLabels.YES).size() == 3);
    Result templateUnlabelled = kubervisor("activate", "web", "-n", ns);
    assertThat(templateUnlabelled.exit()).isEqualTo(1);
    assertThat(templateUnlabelled.err()).isEqualTo("error: Deployment web: the pod template lacks kubervisor/traffic:"
        + " \"yes\", so new pods would get no traffic while kubervisor is down; add it with --patch-template (this"
        + " starts a rollout), or pass --force\n");
    Result activated = kubervisor("activate", "web", "--patch-template", "-n", ns);

    assertThat(activated.exit()).isZero();
    assertThat(activated.out()).startsWith("Deployment web: adding kubervisor/traffic=yes to its pod template; this"
        + " starts a rollout of Deployment web\n").contains("service web activated: it selects kubervisor/traffic=yes");
    assertThat(client.apps().deployments().inNamespace(ns).withName("web").get().getSpec().getTemplate()
        .getMetadata().getLabels()).containsEntry(TrafficLabels.TRAFFIC, TrafficLabels.YES);
    assertThat(kubervisor("deactivate", "web", "-n", ns).exit()).isZero();
    assertThat(kubervisor("activate", "web", "-n", ns).exit()).as("no refusal once the template has the label")
        .isZero();
    await("the Service's endpoints").atMost(SOON).until(() -> fleet.readyEndpoints().size() == 3);
    assertThat(kubervisor("activate", "nope", "-n", ns).err()).startsWith("error: service nope not found");
  }

  @Test
  void enableDisableAndDryRunSetTheMode(KubernetesClient client, @TestNamespace("cli-mode") String ns) {
    TestFleet.create(client, ns, "web", 2);
    apply(client, ns, "periodic", "10s");

    assertThat(kubervisor("dry-run", "web", "-n", ns).out()).startsWith("breakerconfig web: mode DryRun (was Enabled)");
    assertThat(mode(client, ns)).isEqualTo(Mode.DryRun);
    assertThat(kubervisor("disable", "web", "-n", ns).exit()).isZero();
    assertThat(mode(client, ns)).isEqualTo(Mode.Disabled);
    await("kubervisor reports it").atMost(SOON).until(() -> kubervisor("status", "-n", ns).out()
        .contains("Disabled"));
    assertThat(kubervisor("enable", "web", "-n", ns).exit()).isZero();
    assertThat(mode(client, ns)).isEqualTo(Mode.Enabled);
    assertThat(kubervisor("enable", "web", "-n", ns).out()).contains("already Enabled");
    assertThat(kubervisor("disable", "nope", "-n", ns).exit()).isEqualTo(1);
  }

  @Test
  void resumeBringsAPausedPodBackAndExplainSaysWhyAPodIsOut(KubernetesClient client,
      @TestNamespace("cli-resume") String ns) {
    TestFleet fleet = TestFleet.create(client, ns, "web", 4);
    String paused = fleet.podNames().get(0);
    String healthy = fleet.podNames().get(1);
    detector.anomalous(paused);
    client.resources(BreakerConfig.class).inNamespace(ns).resource(breakerConfig(ns, """
        mode: retryAndPause
        period: 1s
        maxRetryCount: 0
        maxPauseCount: 1""")).create();
    await("paused").atMost(SOON).until(() -> TrafficLabels.PAUSE.equals(fleet.traffic(paused)));
    detector.healthy(paused);

    Result explained = kubervisor("explain", paused, "-n", ns);
    assertThat(explained.exit()).isZero();
    assertThat(explained.out()).contains("is out of traffic: paused for investigation",
        "kubectl kubervisor resume " + paused + " -n " + ns, "external (BreakerConfig web)",
        "Events from kubervisor:", "OutOfTraffic", "Paused");
    assertThat(kubervisor("explain", healthy, "-n", ns).out()).contains("is in traffic (kubervisor/traffic=yes).");
    Result notPaused = kubervisor("resume", healthy, "-n", ns);
    assertThat(notPaused.exit()).isEqualTo(1);
    assertThat(notPaused.err()).isEqualTo("error: pod " + healthy + " is in traffic, not paused; there is nothing to"
        + " resume\n");

    assertThat(kubervisor("resume", paused, "-n", ns).out()).contains("resume requested");

    await("back in traffic").atMost(SOON).until(() -> TrafficLabels.YES.equals(fleet.traffic(paused)));
    assertThat(kubervisor("explain", "nope", "-n", ns).err()).startsWith("error: pod nope not found");
  }

  @Test
  void theLauncherRunsThePluginFromTheJar() throws Exception {
    List<String> help = launch(Map.of("KUBERVISOR_JAR", "target/kubervisor.jar"), "--help");
    List<String> status = launch(Map.of("KUBERVISOR_JAR", "target/kubervisor.jar"), "status", "-A",
        "--kubeconfig", kubeconfig.toString());
    List<String> noJar = launch(Map.of("KUBERVISOR_JAR", "/nonexistent/kubervisor.jar"), "status");

    assertThat(help).first().isEqualTo("0");
    assertThat(help).contains("Usage: kubectl kubervisor COMMAND [ARGUMENTS] [FLAGS]");
    assertThat(status).first().isEqualTo("0");
    assertThat(status.get(1)).as("only the table, no log line").matches("NAMESPACE\\s+NAME.*|No BreakerConfigs.*");
    assertThat(noJar).containsExactly("1", "error: kubervisor.jar not found at /nonexistent/kubervisor.jar; set"
        + " KUBERVISOR_JAR to its path, or build it with: mvn -q package -DskipTests");
  }

  /** Runs deploy/kubectl-kubervisor; the exit code, then every line of its output. */
  private static List<String> launch(Map<String, String> env, String... args) throws IOException,
      InterruptedException {
    List<String> command = new ArrayList<>(List.of("deploy/kubectl-kubervisor"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    List<String> lines = new ArrayList<>(List.of(String.valueOf(process.exitValue())));
    lines.addAll(output.lines().toList());
    return lines;
  }

  private static Result kubervisor(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--kubeconfig", kubeconfig.toString()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = KubectlKubervisor.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static void apply(KubernetesClient client, String ns, String activatorMode, String period) {
    client.resources(BreakerConfig.class).inNamespace(ns).resource(breakerConfig(ns,
        "mode: " + activatorMode + "\nperiod: " + period)).create();
  }

  /** The BreakerConfig web, judged by the fake detector, with this defaultActivator. */
  private static BreakerConfig breakerConfig(String ns, String activator) {
    return Serialization.unmarshal("""
        apiVersion: kubervisor.io/v1alpha1
        kind: BreakerConfig
        metadata:
          name: web
          namespace: %s
        spec:
          service: web
          breakers:
            - name: external
              evaluationPeriod: 1s
              warmup: 0s
              minPodsAvailableRatio: 50
              external:
                url: %s
          defaultActivator:
        %s""".formatted(ns, detector.url(), activator.indent(4)), BreakerConfig.class);
  }

  private static Map<String, String> selector(KubernetesClient client, String ns) {
    return client.services().inNamespace(ns).withName("web").get().getSpec().getSelector();
  }

  private static Mode mode(KubernetesClient client, String ns) {
    return client.resources(BreakerConfig.class).inNamespace(ns).withName("web").get().getSpec().mode;
  }
}
