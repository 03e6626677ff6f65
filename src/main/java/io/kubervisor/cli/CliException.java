package io.kubervisor.cli;

/** A failure the user can act on: its message says what went wrong and how to fix it, on one line. */
class CliException extends RuntimeException {

  CliException(String message) {
    super(message);
  }

  CliException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The exit code: 1 for a failure, 2 for a command line that cannot be understood. */
  int exitCode() {
    return 1;
  }
}
