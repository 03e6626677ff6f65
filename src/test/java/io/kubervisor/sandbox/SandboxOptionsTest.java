package io.kubervisor.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SandboxOptionsTest {

  @Test
  void defaultsToTheDefaultScenarioAndStops() {
    assertThat(SandboxOptions.parse()).isEqualTo(new SandboxOptions(Scenario.DEFAULT, false, false));
  }

  @Test
  void readsAScenarioKeepAndHelp() {
    assertThat(SandboxOptions.parse("--scenario", "a.yaml", "--keep"))
        .isEqualTo(new SandboxOptions(Path.of("a.yaml"), true, false));
    assertThat(SandboxOptions.parse("--scenario=b.yaml").scenario()).isEqualTo(Path.of("b.yaml"));
    assertThat(SandboxOptions.parse("-h").help()).isTrue();
  }

  @Test
  void refusesWhatItDoesNotKnow() {
    assertThatThrownBy(() -> SandboxOptions.parse("--scenario")).hasMessageContaining("needs a FILE");
    assertThatThrownBy(() -> SandboxOptions.parse("--fast")).hasMessageContaining("unknown argument --fast");
  }
}
