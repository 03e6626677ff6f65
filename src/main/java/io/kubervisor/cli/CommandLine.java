package io.kubervisor.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parsed command line: the command, its positional arguments and its flags, in any order, as kubectl allows.
 * {@code --} ends the flags.
 *
 * @param command null when none was given
 * @param values each flag given, with its value ("" for a flag without one)
 */
record CommandLine(String command, List<String> arguments, Map<Option, String> values) {

  static CommandLine parse(String... args) {
    List<String> positional = new ArrayList<>();
    Map<Option, String> values = new LinkedHashMap<>();
    boolean flags = true;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (flags && "--".equals(arg)) {
        flags = false;
      } else if (flags && arg.startsWith("--")) {
        String name = arg.substring(2);
        String inline = null;
        int equals = name.indexOf('=');
        if (equals >= 0) {
          inline = name.substring(equals + 1);
          name = name.substring(0, equals);
        }
        Option option = Option.byLongName(name).orElseThrow(() -> unknown(arg));
        i = take(option, arg, inline, args, i, values);
      } else if (flags && arg.startsWith("-") && arg.length() > 1) {
        Option option = Option.byShortName(arg.substring(1, 2)).orElseThrow(() -> unknown(arg));
        String inline = arg.length() > 2 ? arg.substring(2).replaceFirst("^=", "") : null;
        i = take(option, arg, inline, args, i, values);
      } else {
        positional.add(arg);
      }
    }
    String command = positional.isEmpty() ? null : positional.remove(0);
    return new CommandLine(command, List.copyOf(positional), values);
  }

  /** Records the flag and returns the index of the last argument it used. */
  private static int take(Option option, String arg, String inline, String[] args, int i, Map<Option, String> values) {
    if (!option.takesValue()) {
      if (inline != null) {
        throw new UsageException("flag " + arg + " takes no value; write it alone, as --" + option.name());
      }
      values.put(option, "");
      return i;
    }
    if (inline != null && !inline.isEmpty()) {
      values.put(option, inline);
      return i;
    }
    if (i + 1 >= args.length || args[i + 1].isEmpty()) {
      throw new UsageException("flag " + arg + " needs a value: " + option.synopsis().strip());
    }
    values.put(option, args[i + 1]);
    return i + 1;
  }

  private static UsageException unknown(String arg) {
    return new UsageException("unknown flag " + arg + "; see kubectl kubervisor --help");
  }

  boolean has(Option option) {
    return values.containsKey(option);
  }

  String value(Option option) {
    return values.get(option);
  }
}
