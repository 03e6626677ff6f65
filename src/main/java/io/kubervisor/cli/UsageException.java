package io.kubervisor.cli;

/** The command line is wrong: an unknown command or flag, a missing or extra argument. */
final class UsageException extends CliException {

  UsageException(String message) {
    super(message);
  }

  @Override
  int exitCode() {
    return 2;
  }
}
