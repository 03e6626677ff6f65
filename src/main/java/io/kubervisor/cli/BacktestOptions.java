package io.kubervisor.cli;

import io.kubervisor.api.v1alpha1.Durations;
import io.kubervisor.backtest.Window;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;

/**
 * The backtest's command line, checked before anything is read: what to replay, over which window, and how to show
 * it.
 *
 * @param name the BreakerConfig of the cluster to replay, or null for {@code file}
 * @param file the file of the BreakerConfig to replay, or null for {@code name}
 * @param compare the file of a second BreakerConfig to replay on the same history, or null
 * @param prometheus the Prometheus to ask instead of the breakers', or null
 */
record BacktestOptions(String name, String file, String compare, Window window, String output, String prometheus) {

  static final Duration DEFAULT_SINCE = Duration.ofHours(1);
  private static final Set<String> OUTPUTS = Set.of("text", "json", "html");

  static BacktestOptions of(Invocation invocation) {
    Optional<String> name = invocation.optionalArgument("NAME");
    String file = invocation.value(Option.FILENAME);
    if (name.isPresent() == (file != null)) {
      throw invocation.usage(file == null ? "needs the BreakerConfig to replay: NAME, or -f FILE"
          : "takes NAME or -f FILE, not both");
    }
    String output = Optional.ofNullable(invocation.value(Option.OUTPUT)).orElse("text");
    if (!OUTPUTS.contains(output)) {
      throw invocation.usage("cannot write -o " + output + "; the formats are text, json and html");
    }
    String prometheus = invocation.value(Option.PROMETHEUS);
    if (prometheus != null && !prometheus.matches("https?://[^\\s/?#@]+([/?#]\\S*)?")) {
      throw invocation.usage("--prometheus " + prometheus + " is not an http:// or https:// URL with a host");
    }
    return new BacktestOptions(name.orElse(null), file, invocation.value(Option.COMPARE), window(invocation), output,
        prometheus);
  }

  private static Window window(Invocation invocation) {
    String since = invocation.value(Option.SINCE);
    String from = invocation.value(Option.FROM);
    String to = invocation.value(Option.TO);
    if (since != null && (from != null || to != null)) {
      throw invocation.usage("takes --since or --from and --to, not both");
    }
    if (to != null && from == null) {
      throw invocation.usage("--to needs --from");
    }
    Instant now = invocation.now().truncatedTo(ChronoUnit.SECONDS);
    Instant start = from != null ? time(invocation, "--from", from)
        : now.minus(since == null ? DEFAULT_SINCE : duration(invocation, "--since", since));
    Instant end = to != null ? time(invocation, "--to", to) : now;
    if (!start.isBefore(end)) {
      throw invocation.usage("replays a window that ends after it starts; got " + start + " to " + end);
    }
    String step = invocation.value(Option.STEP);
    return new Window(start, end, step == null ? null : duration(invocation, "--step", step));
  }

  private static Duration duration(Invocation invocation, String flag, String text) {
    try {
      Duration duration = Durations.parse(text);
      if (duration.isZero()) {
        throw invocation.usage(flag + " must be longer than 0");
      }
      return duration;
    } catch (IllegalArgumentException e) {
      throw invocation.usage(flag + ": " + e.getMessage());
    }
  }

  private static Instant time(Invocation invocation, String flag, String text) {
    try {
      return OffsetDateTime.parse(text).toInstant().truncatedTo(ChronoUnit.MILLIS);
    } catch (DateTimeParseException e) {
      throw invocation.usage(flag + " " + text + " is not an RFC 3339 time such as 2026-12-01T10:00:00Z");
    }
  }
}
