package io.kubervisor.cli;

import static picocli.CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST;
import static picocli.CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST_HEADING;
import static picocli.CommandLine.Model.UsageMessageSpec.SECTION_KEY_DESCRIPTION;
import static picocli.CommandLine.Model.UsageMessageSpec.SECTION_KEY_DESCRIPTION_HEADING;
import static picocli.CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER;
import static picocli.CommandLine.Model.UsageMessageSpec.SECTION_KEY_HEADER;
import static picocli.CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST;
import static picocli.CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST_HEADING;
import static picocli.CommandLine.Model.UsageMessageSpec.SECTION_KEY_SYNOPSIS;

import java.util.Collection;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The help texts as kubectl's read: the plugin's lists each verb with its arguments and what it does; a verb's gives
 * its usage, what it does, and its flags. The usage lines are written by hand, in the notation of the docs
 * ({@code status [NAME] [-n NS | -A]}), rather than generated from the options.
 */
final class HelpLayout {

  /** A verb's usage longer than this gets its summary on the next line, so it does not push every other aside. */
  private static final int USAGE_COLUMN = 50;
  /** picocli's narrowest help. */
  private static final int MIN_WIDTH = 55;

  private HelpLayout() {}

  static void apply(CommandLine root, int columns) {
    root.setUsageHelpWidth(Math.max(MIN_WIDTH, columns));
    root.getHelpSectionMap().put(SECTION_KEY_SYNOPSIS, HelpLayout::usage);
    root.getHelpSectionMap().put(SECTION_KEY_COMMAND_LIST, HelpLayout::verbs);
    root.setHelpSectionKeys(List.of(SECTION_KEY_HEADER,
        SECTION_KEY_SYNOPSIS,
        SECTION_KEY_COMMAND_LIST_HEADING,
        SECTION_KEY_COMMAND_LIST,
        SECTION_KEY_OPTION_LIST_HEADING,
        SECTION_KEY_OPTION_LIST,
        SECTION_KEY_FOOTER));
    root.getCommandSpec().usageMessage().commandListHeading("%nCommands:%n").sortOptions(false);
    for (CommandLine verb : root.getSubcommands().values()) {
      verb.getHelpSectionMap().put(SECTION_KEY_SYNOPSIS, HelpLayout::usage);
      verb.setHelpSectionKeys(List.of(SECTION_KEY_SYNOPSIS,
          SECTION_KEY_DESCRIPTION_HEADING,
          SECTION_KEY_DESCRIPTION,
          SECTION_KEY_OPTION_LIST_HEADING,
          SECTION_KEY_OPTION_LIST));
      verb.getCommandSpec().usageMessage().descriptionHeading("%n").optionListHeading("%nFlags:%n")
          .sortOptions(false);
    }
  }

  /** {@code kubectl kubervisor status [NAME] [-n NS | -A]}. */
  static String synopsis(CommandSpec command) {
    return command.qualifiedName() + " " + String.join(" ", command.usageMessage().customSynopsis());
  }

  private static String usage(Help help) {
    boolean root = help.commandSpec().parent() == null;
    return (root ? "\n" : "") + "Usage: " + synopsis(help.commandSpec()) + "\n";
  }

  /** Each verb with its arguments and its summary, the summaries aligned. */
  private static String verbs(Help help) {
    Collection<CommandLine> verbs = help.commandSpec().subcommands().values();
    int width = verbs.stream().mapToInt(verb -> arguments(verb).length())
        .filter(length -> length <= USAGE_COLUMN).max().orElse(0);
    StringBuilder text = new StringBuilder();
    for (CommandLine verb : verbs) {
      String usage = arguments(verb);
      String gap = usage.length() <= width ? " ".repeat(width - usage.length() + 3) : "\n" + " ".repeat(width + 5);
      text.append("  ").append(usage).append(gap).append(verb.getCommandSpec().usageMessage().header()[0])
          .append('\n');
    }
    return text.toString();
  }

  private static String arguments(CommandLine verb) {
    return verb.getCommandName() + " " + String.join(" ", verb.getCommandSpec().usageMessage().customSynopsis());
  }
}
