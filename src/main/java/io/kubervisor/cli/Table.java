package io.kubervisor.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A plain-text table as kubectl prints them: upper-case headers, left-aligned columns three spaces apart. */
public final class Table {

  private static final String GAP = "   ";

  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();

  public Table(String... headers) {
    this.headers = List.of(headers);
  }

  /** A row; a null cell shows as {@code -}. */
  public Table row(String... cells) {
    if (cells.length != headers.size()) {
      throw new IllegalArgumentException("a row of " + cells.length + " cells for " + headers.size() + " columns");
    }
    rows.add(Arrays.stream(cells).map(cell -> cell == null || cell.isEmpty() ? "-" : cell).toList());
    return this;
  }

  /** The header line then one line per row, without trailing spaces. */
  public List<String> lines() {
    int[] widths = new int[headers.size()];
    for (int c = 0; c < widths.length; c++) {
      widths[c] = headers.get(c).length();
      for (List<String> row : rows) {
        widths[c] = Math.max(widths[c], row.get(c).length());
      }
    }
    List<String> lines = new ArrayList<>();
    lines.add(line(headers, widths));
    rows.forEach(row -> lines.add(line(row, widths)));
    return lines;
  }

  @Override
  public String toString() {
    return String.join("\n", lines()) + "\n";
  }

  private static String line(List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int c = 0; c < cells.size(); c++) {
      String cell = cells.get(c);
      line.append(cell);
      if (c < cells.size() - 1) {
        line.append(" ".repeat(widths[c] - cell.length())).append(GAP);
      }
    }
    return line.toString().stripTrailing();
  }
}
