package io.kubervisor.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * picocli's refusals of a command line, said as the plugin says them: what is wrong, then where to read how it goes
 * ({@code explain takes one POD, got 2 arguments [a, b]; usage: kubectl kubervisor explain POD}).
 */
final class UsageErrors {

  private UsageErrors() {}

  static String describe(ParameterException e) {
    CommandSpec command = e.getCommandLine().getCommandSpec();
    if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
      return unmatched(command, unmatched);
    }
    if (e instanceof MissingParameterException missing && !missing.getMissing().isEmpty()) {
      ArgSpec what = missing.getMissing().get(0);
      if (what instanceof OptionSpec flag) {
        return "flag " + flag.longestName() + " needs a value: " + flag.shortestName()
            + (flag.names().length > 1 ? ", " + flag.longestName() : "") + " " + flag.paramLabel();
      }
      return UsageException.of(command, "needs " + ((PositionalParamSpec) what).paramLabel()).getMessage();
    }
    return e.getMessage() + "; see " + command.qualifiedName() + " --help";
  }

  private static String unmatched(CommandSpec command, UnmatchedArgumentException e) {
    String first = e.getUnmatched().get(0);
    boolean root = command.parent() == null;
    if (e.isUnknownOption()) {
      String flag = first.replaceFirst("=.*", "");
      Optional<CommandSpec> owner = owner(command.root(), flag);
      if (owner.isEmpty()) {
        return "unknown flag " + first + "; see " + command.qualifiedName() + " --help";
      }
      return root ? "flag " + flag + " follows its command, as in: " + owner.get().qualifiedName() + " " + flag
          : command.name() + " takes no " + flag + " flag; see " + command.qualifiedName() + " --help";
    }
    if (root) {
      return "unknown command \"" + first + "\"; the commands are " + String.join(", ",
          command.subcommands().keySet()) + " (see " + command.qualifiedName() + " --help)";
    }
    PositionalParamSpec argument = command.positionalParameters().get(0);
    List<String> given = new ArrayList<>();
    if (argument.getValue() != null) {
      given.add(argument.getValue().toString());
    }
    given.addAll(e.getUnmatched());
    return UsageException.of(command, "takes one " + argument.paramLabel() + ", got " + given.size() + " arguments "
        + given).getMessage();
  }

  /** The verb that has this flag, when another than the one given has it. */
  private static Optional<CommandSpec> owner(CommandSpec root, String flag) {
    return root.subcommands().values().stream().map(CommandLine::getCommandSpec)
        .filter(verb -> verb.findOption(flag) != null).findFirst();
  }
}
