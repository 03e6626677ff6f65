package io.kubervisor.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The operator's decisions, read from its log: one line per decision, {@code action=...}. Reads on from where it last
 * stopped, so each decision is seen once.
 */
final class OperatorDecisions {

  /** One decision: the log's time of day and the text from {@code action=} on. */
  record Decision(String time, String text) {

    /** The action word: break, BackInTraffic, Evicted, Paused... */
    String action() {
      int end = text.indexOf(' ');
      return text.substring("action=".length(), end < 0 ? text.length() : end);
    }

    @Override
    public String toString() {
      return time + " " + text;
    }
  }

  private static final String ACTION = "action=";

  private final Supplier<List<String>> log;
  private int read;
  private Decision last;

  OperatorDecisions(Supplier<List<String>> log) {
    this.log = log;
  }

  /** Decisions logged since the last call. */
  synchronized List<Decision> news() {
    List<String> lines = log.get();
    List<Decision> decisions = new ArrayList<>();
    for (; read < lines.size(); read++) {
      Decision decision = parse(lines.get(read));
      if (decision != null) {
        decisions.add(decision);
        last = decision;
      }
    }
    return decisions;
  }

  synchronized Decision last() {
    return last;
  }

  /** A decision from a log line such as {@code 2025-06-01T12:00:03,123 INFO [t] C - action=break pod=...}. */
  static Decision parse(String line) {
    int action = line.indexOf(ACTION);
    if (action < 0 || (action > 0 && line.charAt(action - 1) != ' ')) {
      return null;
    }
    String time = line.length() >= 19 && line.charAt(10) == 'T' ? line.substring(11, 19) : "";
    return new Decision(time, line.substring(action).strip());
  }
}
