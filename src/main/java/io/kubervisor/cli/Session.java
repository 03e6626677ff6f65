package io.kubervisor.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Function;

/** One run of the plugin: where it prints, its clock, and the cluster, connected on first use. */
final class Session implements AutoCloseable {

  private final PrintStream out;
  private final PrintStream err;
  private final Clock clock;
  private final Function<ClusterFlags, Cluster> connect;
  private Cluster cluster;

  Session(PrintStream out, PrintStream err, Clock clock, Function<ClusterFlags, Cluster> connect) {
    this.out = out;
    this.err = err;
    this.clock = clock;
    this.connect = connect;
  }

  /** The cluster the flags name; connected once, whichever command asks first. */
  Cluster cluster(ClusterFlags flags) {
    if (cluster == null) {
      cluster = connect.apply(flags);
    }
    return cluster;
  }

  PrintStream out() {
    return out;
  }

  /** Where progress, warnings and errors go, apart from the command's output. */
  PrintStream err() {
    return err;
  }

  Instant now() {
    return clock.instant();
  }

  @Override
  public void close() {
    if (cluster != null) {
      cluster.close();
    }
  }
}
