package io.kubervisor.backtest.report;

import static io.kubervisor.backtest.Fleets.T;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubervisor.backtest.BacktestReport;
import io.kubervisor.backtest.Fleets;
import io.kubervisor.backtest.Fleets.Behaviour;
import io.kubervisor.backtest.Run;
import io.kubervisor.backtest.Window;
import io.kubervisor.testing.HeadlessChromium;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The HTML report opened in Debian's headless Chromium through Debian's chromedriver: it renders its charts, with no
 * error on the console, offline. Its screenshot is docs/images/backtest.png.
 */
class BacktestReportBrowserIT {

  static final Path SCREENSHOT = Path.of("docs/images/backtest.png");
  static final List<String> PODS = List.of("web-1", "web-2", "web-3", "web-4", "web-5", "web-6");

  private HeadlessChromium chromium;

  @BeforeEach
  void openBrowser() throws IOException {
    chromium = new HeadlessChromium(1100, 1900);
  }

  @AfterEach
  void closeBrowser() throws IOException {
    if (chromium != null) {
      chromium.close();
    }
  }

  @Test
  void theReportRendersItsChartsWithNoConsoleErrors() throws IOException {
    Path page = Files.writeString(Files.createDirectories(Path.of("target")).resolve("backtest-report.html"),
        HtmlReport.render(report()));

    ChromeDriver browser = chromium.driver();
    browser.get(page.toUri().toString());

    List<WebElement> charts = browser.findElements(By.cssSelector("svg.chart"));
    assertThat(charts).as("in traffic against the floor, errors, latency").hasSize(3);
    assertThat(charts).allSatisfy(chart -> {
      assertThat(chart.getSize().getWidth()).isGreaterThan(800);
      assertThat(chart.findElements(By.cssSelector("path"))).isNotEmpty();
    });
    assertThat(browser.findElements(By.cssSelector("svg.lanes rect.state"))).hasSizeGreaterThan(PODS.size());
    assertThat(browser.findElements(By.cssSelector("circle.break"))).isNotEmpty();
    assertThat(browser.findElements(By.cssSelector("line.threshold"))).hasSize(2);
    assertThat(chromium.consoleErrors()).isEmpty();
    Files.write(Files.createDirectories(SCREENSHOT.getParent()).resolve(SCREENSHOT.getFileName()),
        browser.getScreenshotAs(OutputType.BYTES));
  }

  /**
   * Six pods over ten minutes: web-3 fails for three minutes (errors and latency), and the errors breaker's
   * activator retries it every 40 s.
   */
  private static BacktestReport report() {
    Window window = new Window(T, T.plusSeconds(600), null);
    Run run = Run.replay("web", Fleets.config(10, Reports.LATENCY, "mode: periodic\nperiod: 40s"),
        Fleets.history(PODS, (pod, t) -> pod.equals("web-3") && !t.isBefore(T.plusSeconds(120))
            && t.isBefore(T.plusSeconds(300)) ? Behaviour.FAILING : Behaviour.HEALTHY), window, t -> { });
    return BacktestReport.of(window, List.of(run), List.of("breaker errors of shop/web: Prometheus at"
        + " http://prometheus.monitoring.svc:9090 through the API server's service proxy"), Duration.ofMillis(420), 2);
  }
}
