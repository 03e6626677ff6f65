package io.kubervisor.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** One run of a command: its command line, the cluster (connected on first use), where to print. */
final class Invocation implements AutoCloseable {

  private final Command command;
  private final CommandLine line;
  private final Function<CommandLine, Cluster> connect;
  private final PrintStream out;
  private final PrintStream err;
  private final Clock clock;
  private Cluster cluster;

  Invocation(Command command, CommandLine line, Function<CommandLine, Cluster> connect, PrintStream out,
      PrintStream err, Clock clock) {
    this.command = command;
    this.line = line;
    this.connect = connect;
    this.out = out;
    this.err = err;
    this.clock = clock;
  }

  void run() {
    command.run(this);
  }

  /** The one positional argument the command takes. */
  String argument(String name) {
    return optionalArgument(name).orElseThrow(() -> usage("needs " + name));
  }

  /** At most one positional argument. */
  Optional<String> optionalArgument(String name) {
    List<String> arguments = line.arguments();
    if (arguments.size() > 1) {
      throw usage("takes one " + name + ", got " + arguments.size() + " arguments " + arguments);
    }
    return arguments.stream().findFirst();
  }

  boolean has(Option option) {
    return line.has(option);
  }

  /** The flag's value, or null when it was not given. */
  String value(Option option) {
    return line.value(option);
  }

  Cluster cluster() {
    if (cluster == null) {
      cluster = connect.apply(line);
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

  UsageException usage(String problem) {
    return new UsageException(command.name() + " " + problem + "; usage: kubectl kubervisor " + command.name() + " "
        + command.synopsis());
  }

  @Override
  public void close() {
    if (cluster != null) {
      cluster.close();
    }
  }
}
