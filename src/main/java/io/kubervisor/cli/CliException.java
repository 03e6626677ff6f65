package io.kubervisor.cli;

/** A failure the user can act on: its message says what went wrong and how to fix it, on one line. */
public class CliException extends RuntimeException {

  public CliException(String message) {
    super(message);
  }

  public CliException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The exit code: 1 for a failure, 2 for a command line that cannot be understood. */
  int exitCode() {
    return 1;
  }
}
