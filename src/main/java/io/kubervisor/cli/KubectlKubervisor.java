package io.kubervisor.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.function.Function;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import picocli.CommandLine;

/**
 * {@code kubectl kubervisor}: the kubectl plugin that shows and steers kubervisor. Every failure is one line on
 * stderr that says what went wrong and how to fix it, with a non-zero exit: 1 for a failure, 2 for a command line that
 * cannot be understood.
 */
public final class KubectlKubervisor {

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
  static int run(String[] args, PrintStream out, PrintStream err, Function<ClusterFlags, Cluster> connect,
      Clock clock) {
    try (Session session = new Session(out, err, clock, connect)) {
      return commandLine(session).execute(args);
    }
  }

  /** The command line of every verb, printing where the session does, failures as one line each. */
  static CommandLine commandLine(Session session) {
    CommandLine line = new CommandLine(new RootCommand(session));
    line.setOut(new PrintWriter(session.out(), true));
    line.setErr(new PrintWriter(session.err(), true));
    line.setParameterExceptionHandler((e, args) -> {
      session.err().println("error: " + UsageErrors.describe(e));
      return UsageException.EXIT_CODE;
    });
    line.setExecutionExceptionHandler((e, command, parsed) -> {
      if (e instanceof CliException failure) {
        session.err().println("error: " + failure.getMessage());
        return failure.exitCode();
      }
      session.err().println("error: unexpected " + e + "; this is a bug of kubectl kubervisor: please report it with"
          + " the command line");
      return 1;
    });
    HelpLayout.apply(line, Terminal.columns());
    return line;
  }

  private static Cluster connect(ClusterFlags flags) {
    var client = Clients.connect(flags);
    return new Cluster(client, Clients.namespace(flags, client));
  }
}
