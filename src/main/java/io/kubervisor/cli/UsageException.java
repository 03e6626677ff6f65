package io.kubervisor.cli;

import picocli.CommandLine.Model.CommandSpec;

/** The command line is wrong: an unknown command or flag, a missing or extra argument, flags that clash. */
final class UsageException extends CliException {

  static final int EXIT_CODE = 2;

  UsageException(String message) {
    super(message);
  }

  /** {@code resume needs POD; usage: kubectl kubervisor resume POD}. */
  static UsageException of(CommandSpec command, String problem) {
    return new UsageException(command.name() + " " + problem + "; usage: " + HelpLayout.synopsis(command));
  }

  @Override
  int exitCode() {
    return EXIT_CODE;
  }
}
