package io.kubervisor.backtest.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubervisor.backtest.BacktestReport;
import io.kubervisor.backtest.Decision;
import io.kubervisor.backtest.Run;
import io.kubervisor.backtest.Summary;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;

/**
 * The report for tools: every simulated decision with its time, pod, breaker, value, threshold and reason, and the
 * summary. A single run's fields are at the top; a comparison has runs {@code a} and {@code b} and the decisions only
 * in each.
 */
public final class JsonReport {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonReport() {}

  public static String render(BacktestReport report) {
    ObjectNode root = JSON.createObjectNode();
    root.put("from", report.window().from().toString());
    root.put("to", report.window().to().toString());
    report.prometheus().forEach(root.putArray("prometheus")::add);
    root.put("tookSeconds", report.took().toMillis() / 1000.0);
    root.put("rangeQueries", report.queries());
    if (report.comparison() == null) {
      run(root, report.runs().get(0));
    } else {
      run(root.putObject("a"), report.runs().get(0));
      run(root.putObject("b"), report.runs().get(1));
      decisions(root.putArray("onlyInA"), report.comparison().onlyInA());
      decisions(root.putArray("onlyInB"), report.comparison().onlyInB());
    }
    root.put("note", TextReport.WHAT_IF);
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void run(ObjectNode node, Run run) {
    node.put("breakerConfig", run.name());
    node.put("source", run.label());
    node.put("step", run.step() == null ? null : Times.duration(run.step()));
    node.put("instants", run.result().timeline().frames().size());
    run.result().notReplayable().forEach(node.putArray("notReplayable")::add);
    run.result().detectorErrors().forEach(node.putArray("detectorErrors")::add);
    summary(node.putObject("summary"), run.summary());
    decisions(node.putArray("decisions"), run.result().decisions());
  }

  private static void summary(ObjectNode node, Summary summary) {
    node.put("ejections", summary.totalEjections());
    ObjectNode byPod = node.putObject("ejectionsByPod");
    summary.ejections().forEach(byPod::put);
    node.put("restores", summary.restores());
    node.put("pauses", summary.pauses());
    node.put("kills", summary.kills());
    if (summary.fewest() != null) {
      ObjectNode fewest = node.putObject("fewestInTraffic");
      fewest.put("pods", summary.fewest().inTraffic());
      fewest.put("fleet", summary.fewest().fleet());
      fewest.put("floor", summary.fewest().floor());
      fewest.put("firstAt", summary.fewest().at().toString());
      fewest.put("forSeconds", summary.fewest().lasted().toMillis() / 1000.0);
    }
    ObjectNode held = node.putObject("floorHeldPodsIn");
    held.put("instants", summary.heldBack());
    held.put("podsSpared", summary.spared());
    ArrayNode noData = node.putArray("noData");
    summary.noData().forEach(gap -> {
      ObjectNode entry = noData.addObject();
      entry.put("breaker", gap.breaker());
      gap.pods().forEach(entry.putArray("pods")::add);
      entry.put("from", gap.from().toString());
      entry.put("to", gap.to().toString());
      entry.put("evaluations", gap.evaluations());
    });
    summary.pods().forEach(node.putArray("pods")::add);
  }

  private static void decisions(ArrayNode array, List<Decision> decisions) {
    for (Decision decision : decisions) {
      ObjectNode node = array.addObject();
      node.put("time", decision.time().toString());
      node.put("pod", decision.pod());
      node.put("breaker", decision.breaker());
      node.put("action", decision.action());
      putNumber(node, "value", decision.value());
      node.put("threshold", decision.threshold());
      node.put("reason", decision.reason());
    }
  }

  /** A value as a number when it is one, so that tools compare it; NaN and infinities stay text. */
  private static void putNumber(ObjectNode node, String field, String value) {
    if (value == null) {
      node.putNull(field);
      return;
    }
    try {
      node.put(field, new BigDecimal(value));
    } catch (NumberFormatException notFinite) {
      node.put(field, value);
    }
  }
}
