package io.kubervisor.cli;

import java.util.List;

/** One verb of {@code kubectl kubervisor}. */
interface Command {

  String name();

  /** The arguments after the name, as help shows them: {@code [NAME] [-n NS | -A]}. */
  String synopsis();

  /** One line for the list of commands. */
  String summary();

  /** What the command does, for its help. */
  String description();

  /** The flags it takes beyond {@link Option#GLOBAL}. */
  default List<Option> options() {
    return List.of();
  }

  void run(Invocation invocation);
}
