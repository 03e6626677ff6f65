package io.kubervisor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TableTest {

  @Test
  void alignsColumnsThreeSpacesApartAndShowsEmptyCellsAsADash() {
    Table table = new Table("NAME", "MODE", "NOTE").row("web", "Enabled", null).row("checkout-api", "", "x");

    assertThat(table.lines()).containsExactly(
        "NAME           MODE      NOTE",
        "web            Enabled   -",
        "checkout-api   -         x");
  }

  @Test
  void refusesARowOfTheWrongWidth() {
    assertThatThrownBy(() -> new Table("A", "B").row("1")).hasMessageContaining("a row of 1 cells for 2 columns");
  }
}
