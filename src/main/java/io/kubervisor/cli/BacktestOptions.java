package io.kubervisor.cli;

import io.kubervisor.api.v1alpha1.Durations;
import io.kubervisor.backtest.Window;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
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

  /** The backtest's flags as given, checked; {@code now} ends a window given by --since. */
  static BacktestOptions of(BacktestCommand flags, Instant now) {
    if ((flags.name != null) == (flags.file != null)) {
      throw usage(flags, flags.file == null ? "needs the BreakerConfig to replay: NAME, or -f FILE"
          : "takes NAME or -f FILE, not both");
    }
    if (!OUTPUTS.contains(flags.output)) {
      throw usage(flags, "cannot write -o " + flags.output + "; the formats are text, json and html");
    }
    if (flags.prometheus != null && !flags.prometheus.matches("https?://[^\\s/?#@]+([/?#]\\S*)?")) {
      throw usage(flags, "--prometheus " + flags.prometheus + " is not an http:// or https:// URL with a host");
    }
    return new BacktestOptions(flags.name, flags.file, flags.compare, window(flags, now), flags.output,
        flags.prometheus);
  }

  private static Window window(BacktestCommand flags, Instant now) {
    if (flags.since != null && (flags.from != null || flags.to != null)) {
      throw usage(flags, "takes --since or --from and --to, not both");
    }
    if (flags.to != null && flags.from == null) {
      throw usage(flags, "--to needs --from");
    }
    Instant start = flags.from != null ? time(flags, "--from", flags.from)
        : now.truncatedTo(ChronoUnit.SECONDS).minus(flags.since == null ? DEFAULT_SINCE
            : duration(flags, "--since", flags.since));
    Instant end = flags.to != null ? time(flags, "--to", flags.to) : now.truncatedTo(ChronoUnit.SECONDS);
    if (!start.isBefore(end)) {
      throw usage(flags, "replays a window that ends after it starts; got " + start + " to " + end);
    }
    return new Window(start, end, flags.step == null ? null : duration(flags, "--step", flags.step));
  }

  private static Duration duration(BacktestCommand flags, String flag, String text) {
    try {
      Duration duration = Durations.parse(text);
      if (duration.isZero()) {
        throw usage(flags, flag + " must be longer than 0");
      }
      return duration;
    } catch (IllegalArgumentException e) {
      throw usage(flags, flag + ": " + e.getMessage());
    }
  }

  private static Instant time(BacktestCommand flags, String flag, String text) {
    try {
      return OffsetDateTime.parse(text).toInstant().truncatedTo(ChronoUnit.MILLIS);
    } catch (DateTimeParseException e) {
      throw usage(flags, flag + " " + text + " is not an RFC 3339 time such as 2026-12-01T10:00:00Z");
    }
  }

  private static UsageException usage(BacktestCommand flags, String problem) {
    return UsageException.of(flags.spec, problem);
  }
}
