package io.kubervisor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandLineTest {

  @Test
  void flagsMayComeAnywhereInEveryForm() {
    CommandLine line = CommandLine.parse("-n", "shop", "status", "web", "--kubeconfig=/k", "-A", "--context", "c");

    assertThat(line.command()).isEqualTo("status");
    assertThat(line.arguments()).containsExactly("web");
    assertThat(line.values()).isEqualTo(Map.of(Option.NAMESPACE, "shop", Option.KUBECONFIG, "/k",
        Option.ALL_NAMESPACES, "", Option.CONTEXT, "c"));
  }

  @Test
  void aShortFlagTakesItsValueGluedOrAfterAnEqualsSign() {
    assertThat(CommandLine.parse("status", "-nshop").value(Option.NAMESPACE)).isEqualTo("shop");
    assertThat(CommandLine.parse("status", "-n=shop").value(Option.NAMESPACE)).isEqualTo("shop");
    assertThat(CommandLine.parse("status", "--namespace", "shop").value(Option.NAMESPACE)).isEqualTo("shop");
  }

  @Test
  void aDoubleDashEndsTheFlags() {
    CommandLine line = CommandLine.parse("explain", "--", "-odd-pod");

    assertThat(line.arguments()).isEqualTo(List.of("-odd-pod"));
    assertThat(line.values()).isEmpty();
  }

  @Test
  void withoutACommandThereIsNone() {
    assertThat(CommandLine.parse("--help").command()).isNull();
    assertThat(CommandLine.parse("--help").has(Option.HELP)).isTrue();
  }

  @Test
  void refusesUnknownFlagsMissingValuesAndValuesOfSwitches() {
    assertThatThrownBy(() -> CommandLine.parse("status", "--wide")).isInstanceOf(UsageException.class)
        .hasMessage("unknown flag --wide; see kubectl kubervisor --help");
    assertThatThrownBy(() -> CommandLine.parse("status", "-x")).hasMessageContaining("unknown flag -x");
    assertThatThrownBy(() -> CommandLine.parse("status", "-n")).hasMessage("flag -n needs a value: -n, --namespace NS");
    assertThatThrownBy(() -> CommandLine.parse("activate", "web", "--force=yes"))
        .hasMessageContaining("flag --force=yes takes no value");
  }
}
