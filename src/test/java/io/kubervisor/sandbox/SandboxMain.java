package io.kubervisor.sandbox;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubervisor.testing.LocalControlPlane;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The sandbox, from the command line (deploy/sandbox/run.sh): a fresh control plane, the sandbox world on it, the
 * scenario shown live on a terminal (plain lines otherwise), the summary, then everything stopped. Ctrl-C stops
 * everything at any time.
 */
public final class SandboxMain {

  /** The sandbox's namespace: a fixed name, since the control plane is its own. */
  static final String NAMESPACE = "sandbox";

  private static final PrintStream OUT = System.out;
  /** Set by whichever stops the sandbox first: the end of main, or the shutdown hook of a Ctrl-C. */
  private static final AtomicBoolean STOPPING = new AtomicBoolean();

  private SandboxMain() {}

  public static void main(String[] args) {
    SandboxOptions options;
    Scenario scenario;
    try {
      options = SandboxOptions.parse(args);
      if (options.help()) {
        OUT.print(SandboxOptions.USAGE);
        System.exit(0);
      }
      scenario = Scenario.load(options.scenario());
    } catch (NoSuchFileException e) {
      System.err.println("error: no scenario file " + e.getFile() + "; the scenarios are in deploy/sandbox/scenarios/");
      System.exit(2);
      return;
    } catch (IllegalArgumentException | IOException e) {
      System.err.println("error: " + e.getMessage());
      System.exit(2);
      return;
    }
    Closer closer = new Closer();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (STOPPING.compareAndSet(false, true)) {
        System.err.println("\n[sandbox] interrupted: stopping every process of the sandbox");
        closer.close();
      }
    }, "sandbox-cleanup"));
    int exit = 0;
    try {
      play(scenario, options.keep(), closer);
    } catch (Exception e) {
      if (!STOPPING.get()) {
        System.err.println("error: " + e.getMessage());
        exit = 1;
      }
    } finally {
      if (STOPPING.compareAndSet(false, true)) {
        progress("stopping every process of the sandbox");
        closer.close();
      }
    }
    System.exit(exit);
  }

  private static void play(Scenario scenario, boolean keep, Closer closer) throws Exception {
    long begin = System.nanoTime();
    progress("scenario " + scenario.name() + ": " + scenario.description());
    progress("starting the control plane: etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kwok");
    LocalControlPlane plane = closer.add(LocalControlPlane.start());
    createNamespace(plane.adminClient());
    Sandbox sandbox = closer.add(Sandbox.start(plane.adminClient(), plane.kubeconfig(), NAMESPACE, scenario,
        SandboxMain::progress));
    Duration startup = Duration.ofNanos(System.nanoTime() - begin);
    progress("started in " + startup.toSeconds() + " s; playing the scenario for " + scenario.duration().toSeconds()
        + " s");
    View view = closer.add(live() ? new LiveView(OUT) : new PlainView(OUT));
    Summary summary = sandbox.run(view);
    view.close();
    OUT.println();
    summary.lines().forEach(OUT::println);
    OUT.println("  " + String.format("%-20s %d s", "sandbox start-up", startup.toSeconds()));
    OUT.println("  " + String.format("%-20s %s (saved when the sandbox stops)", "operator log",
        Sandbox.OPERATOR_LOG));
    if (keep) {
      OUT.println();
      OUT.println("The sandbox keeps running; Ctrl-C stops it and cleans up. Look around:");
      OUT.println("  export KUBECONFIG=" + plane.kubeconfig());
      OUT.println("  deploy/kubectl-kubervisor status " + Sandbox.SERVICE + " -n " + NAMESPACE);
      OUT.println("  kubectl get pods -n " + NAMESPACE + " -L kubervisor/traffic");
      OUT.println("  Prometheus: " + sandbox.prometheusUrl());
      new CountDownLatch(1).await();
    }
  }

  /** Whether stdout is a terminal: as run.sh found it, else as the JVM sees it. */
  private static boolean live() {
    String live = System.getProperty("sandbox.live");
    return live != null ? Boolean.parseBoolean(live)
        : System.console() != null && !"dumb".equals(System.getenv("TERM"));
  }

  /** The sandbox's namespace, once its default ServiceAccount exists (pods are refused before). */
  private static void createNamespace(KubernetesClient client) {
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .create();
    await("the default ServiceAccount of " + NAMESPACE).atMost(Duration.ofSeconds(30))
        .until(() -> client.serviceAccounts().inNamespace(NAMESPACE).withName("default").get() != null);
  }

  private static void progress(String message) {
    OUT.println("[sandbox] " + message);
  }
}
