package io.kubervisor.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PromQL of a Grafana dashboard and the metric names it uses, exactly as written ({@code _bucket}, {@code _count}
 * and {@code _sum} included), so they can be checked against a list or against a real /metrics scrape.
 */
public final class GrafanaDashboard {

  /** The metric-bearing part of Grafana's {@code label_values(expr, label)}; its last argument is a label name. */
  private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\((.*?)(,\\s*[a-zA-Z_]\\w*)?\\)\\s*$",
      Pattern.DOTALL);
  /**
   * Words that are PromQL syntax, not metrics, even when no parenthesis follows them: operators, and aggregations,
   * which may be followed by their by/without clause first ({@code sum by (pod) (x)}).
   */
  private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "inf", "nan", "sum",
      "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk", "quantile",
      "limitk", "limit_ratio");
  /** Modifiers whose parenthesis holds label names. */
  private static final Set<String> LABEL_LISTS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");

  private GrafanaDashboard() {}

  /** Every metric name in the dashboard's panel expressions and template variable queries. */
  public static Set<String> metricNames(Path dashboard) {
    Set<String> names = new TreeSet<>();
    expressions(dashboard).forEach(expr -> names.addAll(metricNames(expr)));
    return names;
  }

  /** The panels' {@code expr}, in rows too, then the query variables' queries, label_values unwrapped. */
  public static List<String> expressions(Path dashboard) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(dashboard.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> expressions = new ArrayList<>();
    root.path("panels").forEach(panel -> panelExpressions(panel, expressions));
    for (JsonNode variable : root.path("templating").path("list")) {
      if ("query".equals(variable.path("type").asText())) {
        JsonNode query = variable.path("query");
        String text = query.isObject() ? query.path("query").asText() : query.asText();
        Matcher labelValues = LABEL_VALUES.matcher(text);
        expressions.add(labelValues.matches() ? labelValuesMetric(labelValues) : text);
      }
    }
    return expressions;
  }

  private static void panelExpressions(JsonNode panel, List<String> expressions) {
    panel.path("targets").forEach(target -> {
      if (target.hasNonNull("expr")) {
        expressions.add(target.get("expr").asText());
      }
    });
    // A collapsed row keeps its panels inside it.
    panel.path("panels").forEach(inner -> panelExpressions(inner, expressions));
  }

  /** {@code label_values(label)} names no metric; {@code label_values(expr, label)} queries expr. */
  private static String labelValuesMetric(Matcher labelValues) {
    return labelValues.group(2) == null ? "" : labelValues.group(1);
  }

  /**
   * The metric names in one PromQL expression: the identifiers that are neither functions nor aggregations (followed
   * by a parenthesis), keywords, label names (inside braces or a by/without/on/ignoring list), strings, durations, nor
   * Grafana variables ({@code $namespace}, {@code ${__rate_interval}}).
   */
  public static Set<String> metricNames(String expr) {
    Set<String> names = new TreeSet<>();
    int i = 0;
    while (i < expr.length()) {
      char c = expr.charAt(i);
      if (c == '"' || c == '\'' || c == '`') {
        i = skipString(expr, i);
      } else if (c == '{') {
        i = skipPast(expr, i, '}');
      } else if (c == '[') {
        i = skipPast(expr, i, ']');
      } else if (c == '$') {
        i = expr.startsWith("${", i) ? skipPast(expr, i, '}') : skipWord(expr, i + 1);
      } else if (Character.isDigit(c) || c == '.') {
        i = skipWord(expr, i); // a number or a duration: 0.95, 1e3, 5m
      } else if (Character.isLetter(c) || c == '_' || c == ':') {
        int end = skipWord(expr, i);
        String word = expr.substring(i, end);
        int next = skipSpaces(expr, end);
        boolean call = next < expr.length() && expr.charAt(next) == '(';
        if (LABEL_LISTS.contains(word)) {
          end = call ? skipPast(expr, next, ')') : end;
        } else if (!call && !KEYWORDS.contains(word.toLowerCase())) {
          names.add(word);
        }
        i = end;
      } else {
        i++;
      }
    }
    return names;
  }

  private static int skipString(String expr, int start) {
    char quote = expr.charAt(start);
    int i = start + 1;
    while (i < expr.length() && expr.charAt(i) != quote) {
      i += expr.charAt(i) == '\\' && quote != '`' ? 2 : 1;
    }
    return i + 1;
  }

  /** Past the closing character, stepping over strings, whose content may hold it. */
  private static int skipPast(String expr, int start, char close) {
    int i = start + 1;
    while (i < expr.length() && expr.charAt(i) != close) {
      char c = expr.charAt(i);
      i = c == '"' || c == '\'' || c == '`' ? skipString(expr, i) : i + 1;
    }
    return i + 1;
  }

  private static int skipWord(String expr, int start) {
    int i = start;
    while (i < expr.length() && (Character.isLetterOrDigit(expr.charAt(i)) || expr.charAt(i) == '_'
        || expr.charAt(i) == ':' || expr.charAt(i) == '.')) {
      i++;
    }
    return i;
  }

  private static int skipSpaces(String expr, int start) {
    int i = start;
    while (i < expr.length() && Character.isWhitespace(expr.charAt(i))) {
      i++;
    }
    return i;
  }
}
