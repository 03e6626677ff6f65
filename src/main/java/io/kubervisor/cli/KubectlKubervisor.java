package io.kubervisor.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * {@code kubectl kubervisor}: the kubectl plugin that shows and steers kubervisor. Every failure is one line on
 * stderr that says what went wrong and how to fix it, with a non-zero exit: 1 for a failure, 2 for a command line that
 * cannot be understood.
 */
public final class KubectlKubervisor {

  static final List<Command> COMMANDS = List.of(new StatusCommand(), new ActivateCommand(), new DeactivateCommand(),
      ModeCommand.enable(), ModeCommand.disable(), ModeCommand.dryRun(), new ResumeCommand(), new ExplainCommand(),
      new BacktestCommand());

  private KubectlKubervisor() {}

  public static void main(String[] args) {
    // The jar's logging configuration is the operator's (INFO to stdout); a command's output must be its own.
    Configurator.setAllLevels(LogManager.ROOT_LOGGER_NAME, Level.OFF);
    System.exit(run(args, System.out, System.err));
  }

  /** Runs one command line against the cluster it names and returns the exit code. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, out, err, KubectlKubervisor::connect, Clock.systemUTC());
  }

  /** Runs one command line, connecting with {@code connect}, and returns the exit code. */
  static int run(String[] args, PrintStream out, PrintStream err, Function<CommandLine, Cluster> connect,
      Clock clock) {
    try {
      CommandLine line = CommandLine.parse(args);
      if (line.command() == null) {
        (line.has(Option.HELP) ? out : err).print(Help.of(COMMANDS));
        return line.has(Option.HELP) ? 0 : 2;
      }
      Command command = find(line.command()).orElseThrow(() -> new UsageException("unknown command \""
          + line.command() + "\"; the commands are " + String.join(", ", COMMANDS.stream().map(Command::name)
          .toList()) + " (see kubectl kubervisor --help)"));
      if (line.has(Option.HELP)) {
        out.print(Help.of(command));
        return 0;
      }
      line.values().keySet().stream()
          .filter(option -> !Option.GLOBAL.contains(option) && !command.options().contains(option))
          .findFirst()
          .ifPresent(option -> {
            throw new UsageException(command.name() + " takes no --" + option.name() + " flag; see kubectl kubervisor "
                + command.name() + " --help");
          });
      try (Invocation invocation = new Invocation(command, line, connect, out, err, clock)) {
        invocation.run();
      }
      return 0;
    } catch (CliException e) {
      err.println("error: " + e.getMessage());
      return e.exitCode();
    } catch (RuntimeException e) {
      err.println("error: unexpected " + e + "; this is a bug of kubectl kubervisor: please report it with the"
          + " command line");
      return 1;
    }
  }

  private static Optional<Command> find(String name) {
    return COMMANDS.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  private static Cluster connect(CommandLine line) {
    var client = Clients.connect(line);
    return new Cluster(client, Clients.namespace(line, client));
  }
}
