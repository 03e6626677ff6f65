package io.kubervisor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.kubervisor.api.v1alpha1.Mode;
import io.kubervisor.cli.dashboard.Dashboard;
import io.kubervisor.cli.dashboard.Scope;
import io.kubervisor.cluster.TrafficLabels;
import io.kubervisor.testing.HeadlessChromium;
import io.kubervisor.testing.LocalControlPlane;
import io.kubervisor.testing.TestNamespace;
import io.kubervisor.testing.WithLocalCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * {@code kubectl kubervisor dashboard} in Debian's headless Chromium, against the real control plane, a real
 * Prometheus and the operator: two BreakerConfigs (web, four pods judged on their error ratio; api, two pods), one pod
 * of web failing. The pages follow the cluster through the server's event stream, never by reloading; the screenshots
 * of docs/dashboard.md come from here.
 */
@WithLocalCluster
@TestMethodOrder(OrderAnnotation.class)
class DashboardBrowserIT {

  @RegisterExtension
  static final SupervisedWorld world = new SupervisedWorld("dashboard-lease");

  static final Path OVERVIEW_SCREENSHOT = Path.of("docs/images/dashboard-overview.png");
  static final Path BREAKERCONFIG_SCREENSHOT = Path.of("docs/images/dashboard-breakerconfig.png");
  /** How soon a page shows a relabelled pod. */
  static final Duration LIVE = Duration.ofSeconds(2);
  static final String VIEWER = "oncall-viewer";
  private static final Pattern RGB = Pattern.compile("rgba?\\((\\d+), (\\d+), (\\d+)");

  static KubernetesClient admin;
  static Path kubeconfig;
  static String ns;
  static TestFleet web;
  static String failing;
  static String paused;
  static Dashboard dashboard;
  static HeadlessChromium chromium;
  static ChromeDriver browser;
  /** When the traffic label of each pod of web last changed, as a watch saw it. */
  static final Map<String, Instant> relabelled = new ConcurrentHashMap<>();
  static Watch labels;

  @BeforeAll
  static void twoSupervisedServicesAndTheDashboard(LocalControlPlane plane, KubernetesClient client,
      @TestNamespace("dashboard") String namespace) throws IOException {
    admin = client;
    kubeconfig = plane.kubeconfig();
    ns = namespace;
    web = RequestFleets.fleet(client, world.metrics, ns, 4);
    TestFleet api = TestFleet.create(client, ns, "api", 2);
    api.podNames().forEach(pod -> world.metrics.addPod("api-" + ns, pod));
    RequestFleets.awaitSeries(world.prometheus, ns);
    Fixtures.apply(client, Fixtures.breakerConfig(ns, "web", errorRatio("web", ns)));
    Fixtures.apply(client, Fixtures.breakerConfig(ns, "api", errorRatio("api", "api-" + ns)));
    await("every pod labelled in traffic").atMost(Duration.ofSeconds(60))
        .until(() -> web.podsWithTraffic(TrafficLabels.YES).size() == 4
            && api.podsWithTraffic(TrafficLabels.YES).size() == 2);
    failing = web.podNames().get(1);
    paused = web.podNames().get(3);
    labels = client.pods().inNamespace(ns).withLabel("app", "web").watch(new Relabels());
    dashboard = Dashboard.start(client, new Scope(ns), 0);
    chromium = new HeadlessChromium(1280, 1000);
    browser = chromium.driver();
  }

  @AfterAll
  static void closeAll() throws IOException {
    if (chromium != null) {
      chromium.close();
    }
    if (dashboard != null) {
      dashboard.close();
    }
    if (labels != null) {
      labels.close();
    }
  }

  @AfterEach
  void noConsoleErrors() {
    assertThat(chromium.consoleErrors()).isEmpty();
  }

  /** Breaker "errors": a pod whose share of HTTP 500 is above 0.2 leaves traffic for 5 minutes. */
  static String errorRatio(String service, String series) {
    return """
        service: %s
        breakers:
          - name: errors
            evaluationPeriod: 1s
            warmup: 0s
            minPodsAvailableRatio: 50
            threshold:
              prometheusService: %s
              promQL: >-
                sum by (pod) (rate(http_requests_total{namespace="%s",code="500"}[5s]))
                / sum by (pod) (rate(http_requests_total{namespace="%s"}[5s]))
              above: 0.2
        defaultActivator:
          period: 5m
        """.formatted(service, world.prometheus.url(), series, series);
  }

  /** Records when a pod's traffic label changes. */
  static final class Relabels implements Watcher<Pod> {
    private final Map<String, String> traffic = new ConcurrentHashMap<>();

    @Override
    public void eventReceived(Action action, Pod pod) {
      String now = String.valueOf(pod.getMetadata().getLabels().get(TrafficLabels.TRAFFIC));
      String before = traffic.put(pod.getMetadata().getName(), now);
      if (before != null && !before.equals(now)) {
        relabelled.put(pod.getMetadata().getName(), Instant.now());
      }
    }

    @Override
    public void onClose(WatcherException cause) {
      // closed at the end of the class
    }
  }

  @Test
  @Order(1)
  void theOverviewListsBothBreakerConfigs() {
    browser.get(dashboard.url());

    await("both rows").atMost(Duration.ofSeconds(10))
        .until(() -> browser.findElements(By.cssSelector("tr.config")).size() == 2);
    assertThat(browser.findElements(By.cssSelector("tr.config"))).extracting(row -> row.getAttribute("data-name"))
        .containsExactly("api", "web");
    assertThat(text("tr.config[data-name=web] td.in-traffic")).isEqualTo("4");
    assertThat(browser.findElement(By.id("live")).getText()).isEqualTo("live");
  }

  @Test
  @Order(2)
  void aFailingPodTurnsRedWithinTwoSecondsAndItsChartShowsItAboveTheThreshold() {
    browser.get(dashboard.url() + "breakerconfigs/" + ns + "/web");
    await("the pods").atMost(Duration.ofSeconds(10)).until(() -> state(failing).equals("InTraffic"));
    markPage();

    world.metrics.errorRatio(failing, 0.5);

    await("the operator takes it out").atMost(Duration.ofSeconds(30))
        .until(() -> TrafficLabels.NO.equals(web.traffic(failing)) && relabelled.containsKey(failing));
    Duration shown = awaitShown(failing, "Broken");
    System.out.printf("DashboardBrowserIT: %s shown Broken %d ms after its label changed%n", failing,
        shown.toMillis());
    assertThat(shown).isLessThan(LIVE);
    assertThat(samePage()).as("no reload").isTrue();
    assertThat(text(".pod[data-pod='" + failing + "']")).contains("errors", "threshold", "above 0.2");

    By row = By.cssSelector(".chart[data-breaker=errors] tr.beyond[data-pod='" + failing + "']");
    await("the chart, refreshed, judges it").atMost(Duration.ofSeconds(45))
        .until(() -> !browser.findElements(row).isEmpty());
    assertThat(Double.parseDouble(stable(() -> browser.findElement(row).findElement(By.cssSelector("td.latest"))
        .getText()))).isGreaterThan(0.2);
    assertThat(browser.findElements(By.cssSelector(".chart[data-breaker=errors] canvas"))).isNotEmpty();
  }

  @Test
  @Order(3)
  void aPodRelabelledOutOfTrafficTurnsRedWithinTwoSecondsWithoutAReload() throws IOException {
    markPage();

    // As the activator pauses a pod: the label, and the annotations that say whose it is.
    admin.pods().inNamespace(ns).withName(paused).patch(PatchContext.of(PatchType.JSON_MERGE), """
        {"metadata": {"labels": {"%s": "%s"}, "annotations": {"%s": "web", "%s": "errors", "%s": "%s", "%s": "3",
         "%s": "paused by the test"}}}""".formatted(TrafficLabels.TRAFFIC, TrafficLabels.PAUSE,
        TrafficLabels.BREAKER_CONFIG, TrafficLabels.BREAKER, TrafficLabels.BROKEN_AT, Instant.now(),
        TrafficLabels.RETRIES, TrafficLabels.REASON));
    await("the watch sees the label").atMost(Duration.ofSeconds(5)).until(() -> relabelled.containsKey(paused));

    Duration shown = awaitShown(paused, "Paused");
    System.out.printf("DashboardBrowserIT: %s shown Paused %d ms after its label changed%n", paused,
        shown.toMillis());
    assertThat(shown).isLessThan(LIVE);
    assertThat(samePage()).as("no reload").isTrue();
    assertThat(red(stable(() -> card(paused).getCssValue("background-color")))).isTrue();
    assertThat(text("#traffic")).startsWith("2 in traffic of 4 managed");
    screenshot(BREAKERCONFIG_SCREENSHOT, 1280, 1900);

    browser.get(dashboard.url());
    await("the overview counts").atMost(Duration.ofSeconds(10))
        .until(() -> text("tr.config[data-name=web] td.broken").equals("1")
            && text("tr.config[data-name=web] td.paused").equals("1"));
    screenshot(OVERVIEW_SCREENSHOT, 1280, 420);
  }

  @Test
  @Order(4)
  void resumeOnThePausedPodBringsItBack() {
    browser.get(dashboard.url() + "breakerconfigs/" + ns + "/web");
    await("the paused pod").atMost(Duration.ofSeconds(10)).until(() -> state(paused).equals("Paused"));

    click(By.cssSelector(".pod[data-pod='" + paused + "'] button.resume"));
    assertThat(text("#confirm-title")).isEqualTo("Resume pod " + paused + "?");
    click(By.id("confirm-ok"));

    await("the verb's answer").atMost(Duration.ofSeconds(10)).until(() -> text("#flash").startsWith("pod " + paused
        + ": resume requested"));
    await("back in traffic").atMost(Duration.ofSeconds(10)).until(() -> state(paused).equals("InTraffic"));
    assertThat(web.traffic(paused)).isEqualTo(TrafficLabels.YES);
  }

  @Test
  @Order(5)
  void aUserWithoutPatchOnBreakerConfigsSeesTheApiServersRefusal() throws IOException {
    admin.rbac().roles().inNamespace(ns).resource(new RoleBuilder().withNewMetadata().withName(VIEWER).endMetadata()
        .withRules(new PolicyRuleBuilder().withApiGroups("kubervisor.io").withResources("breakerconfigs")
                .withVerbs("get", "list", "watch").build(),
            new PolicyRuleBuilder().withApiGroups("").withResources("pods", "services", "events")
                .withVerbs("get", "list", "watch").build())
        .build()).create();
    admin.rbac().roleBindings().inNamespace(ns).resource(new RoleBindingBuilder().withNewMetadata().withName(VIEWER)
        .endMetadata().withNewRoleRef("rbac.authorization.k8s.io", "Role", VIEWER)
        .addNewSubject().withApiGroup("rbac.authorization.k8s.io").withKind("User").withName(VIEWER).endSubject()
        .build()).create();
    Config asViewer = new ConfigBuilder(Config.fromKubeconfig(Files.readString(kubeconfig)))
        .withImpersonateUsername(VIEWER).build();
    try (KubernetesClient viewer = new KubernetesClientBuilder().withConfig(asViewer).build();
        Dashboard viewersDashboard = Dashboard.start(viewer, new Scope(ns), 0)) {
      browser.get(viewersDashboard.url() + "breakerconfigs/" + ns + "/web");
      await("the page").atMost(Duration.ofSeconds(10))
          .until(() -> !browser.findElements(By.cssSelector("button[data-action=disable]")).isEmpty());

      click(By.cssSelector("button[data-action=disable]"));
      assertThat(text("#confirm-text")).startsWith("kubervisor stops evaluating");
      click(By.id("confirm-ok"));

      await("the refusal").atMost(Duration.ofSeconds(10))
          .until(() -> !browser.findElements(By.cssSelector("#flash.error")).isEmpty());
      assertThat(text("#flash .text")).startsWith("not allowed to update BreakerConfig web in namespace " + ns + ":")
          .contains("breakerconfigs.kubervisor.io \"web\" is forbidden: User \"" + VIEWER + "\" cannot patch"
              + " resource \"breakerconfigs\" in API group \"kubervisor.io\" in the namespace \"" + ns + "\"");
      assertThat(Fixtures.get(admin, ns, "web").getSpec().mode).isEqualTo(Mode.Enabled);
      // Left before its server stops, whose end the page would rightly report as an error.
      browser.get("about:blank");
    }
  }

  /** Waits until the page shows the pod in the state; how long after the label changed it did. */
  private static Duration awaitShown(String pod, String state) {
    Instant changed = relabelled.get(pod);
    await(pod + " shown " + state).atMost(LIVE.multipliedBy(3)).pollInterval(Duration.ofMillis(50))
        .until(() -> state(pod).equals(state));
    Duration shown = Duration.between(changed, Instant.now());
    assertThat(red(stable(() -> card(pod).getCssValue("background-color")))).as("red").isTrue();
    return shown;
  }

  private static String state(String pod) {
    return stable(() -> {
      List<WebElement> cards = browser.findElements(By.cssSelector(".pod[data-pod='" + pod + "']"));
      if (cards.isEmpty()) {
        return "";
      }
      Matcher state = Pattern.compile("state-(\\w+)").matcher(cards.get(0).getAttribute("class"));
      return state.find() ? state.group(1) : "";
    });
  }

  /** What the page shows, read again if an update replaced the element while it was read. */
  private static <T> T stable(Callable<T> read) {
    return await("a read of the page").atMost(Duration.ofSeconds(5))
        .ignoreException(StaleElementReferenceException.class).until(read, value -> true);
  }

  /** Clicks what the selector finds, again if the page replaced it in between (an update arrived). */
  private static void click(By selector) {
    await("a click on " + selector).atMost(Duration.ofSeconds(5)).ignoreException(StaleElementReferenceException.class)
        .until(() -> {
          browser.findElement(selector).click();
          return true;
        });
  }

  private static WebElement card(String pod) {
    return browser.findElement(By.cssSelector(".pod[data-pod='" + pod + "']"));
  }

  private static String text(String css) {
    return stable(() -> {
      List<WebElement> found = browser.findElements(By.cssSelector(css));
      return found.isEmpty() ? "" : found.get(0).getText();
    });
  }

  /** Marks the page, to tell later that it was never reloaded. */
  private static void markPage() {
    browser.executeScript("window.kubervisorTestMark = 'unchanged'");
  }

  private static boolean samePage() {
    return "unchanged".equals(browser.executeScript("return window.kubervisorTestMark"));
  }

  /** A reddish background, such as the Broken and Paused cards'. */
  private static boolean red(String cssColor) {
    Matcher rgb = RGB.matcher(cssColor);
    if (!rgb.find()) {
      return false;
    }
    int r = Integer.parseInt(rgb.group(1));
    int g = Integer.parseInt(rgb.group(2));
    int b = Integer.parseInt(rgb.group(3));
    return r > g + 15 && r > b + 15;
  }

  private static void screenshot(Path file, int width, int height) throws IOException {
    browser.manage().window().setSize(new org.openqa.selenium.Dimension(width, height));
    await("the page laid out again").atMost(Duration.ofSeconds(5))
        .until(() -> browser.executeScript("return window.innerWidth").toString().equals(String.valueOf(width)));
    Files.write(Files.createDirectories(file.toAbsolutePath().getParent()).resolve(file.getFileName()),
        browser.getScreenshotAs(OutputType.BYTES));
    browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
  }
}
