package io.kubervisor.cli;

import java.util.ArrayList;
import java.util.List;

/** The help texts: the plugin's, listing the commands, and each command's. */
final class Help {

  private static final int USAGE_COLUMN = 50;

  private Help() {}

  static String of(List<Command> commands) {
    StringBuilder help = new StringBuilder("""
        kubectl kubervisor: see and steer kubervisor, which decides which pods of a Service get traffic.

        Usage: kubectl kubervisor COMMAND [ARGUMENTS] [FLAGS]

        Commands:
        """);
    int width = commands.stream().mapToInt(c -> (c.name() + " " + c.synopsis()).length())
        .filter(length -> length <= USAGE_COLUMN).max().orElse(0);
    for (Command command : commands) {
      String usage = command.name() + " " + command.synopsis();
      // A long usage gets its summary on the next line, so that it does not push every other summary aside.
      String gap = usage.length() <= width ? " ".repeat(width - usage.length() + 3) : "\n" + " ".repeat(width + 5);
      help.append("  ").append(usage).append(gap).append(command.summary()).append('\n');
    }
    help.append("\nFlags of every command:\n").append(flags(Option.GLOBAL));
    help.append("\n'kubectl kubervisor COMMAND --help' explains a command.\n");
    return help.toString();
  }

  static String of(Command command) {
    List<Option> options = new ArrayList<>(command.options());
    options.addAll(Option.GLOBAL);
    return "Usage: kubectl kubervisor " + command.name() + " " + command.synopsis() + "\n\n"
        + command.description().strip() + "\n\nFlags:\n" + flags(options);
  }

  private static String flags(List<Option> options) {
    int width = options.stream().mapToInt(o -> o.synopsis().length()).max().orElse(0);
    StringBuilder text = new StringBuilder();
    options.forEach(o -> text.append("  ").append(o.synopsis()).append(" ".repeat(width - o.synopsis().length() + 3))
        .append(o.help()).append('\n'));
    return text.toString();
  }
}
