package io.kubervisor.cli;

/**
 * What the plugin knows of the terminal it prints to. Java cannot tell whether stderr is a terminal, nor the terminal's
 * width, so the launcher tells it (system properties); {@code COLUMNS}, when exported, overrides the width.
 */
final class Terminal {

  private static final int DEFAULT_COLUMNS = 100;

  private Terminal() {}

  static int columns() {
    for (String value : new String[] {System.getenv("COLUMNS"), System.getProperty("kubervisor.columns")}) {
      if (value != null && value.matches("[1-9][0-9]*")) {
        return Integer.parseInt(value);
      }
    }
    return DEFAULT_COLUMNS;
  }

  static boolean stderrIsTerminal() {
    return Boolean.getBoolean("kubervisor.stderr-terminal");
  }
}
