package io.kubervisor.bench.quality;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** How often a peer's log says each of a few things, for the report's notes: "12× no live upstreams". */
final class LogCounts {

  private LogCounts() {}

  /** @param phrases what to count, by the words the note uses for it */
  static List<String> of(Path log, Map<String, String> phrases) {
    List<String> lines;
    try {
      lines = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      return List.of("its log " + log + " could not be read: " + e.getMessage());
    }
    List<String> notes = new ArrayList<>();
    phrases.forEach((phrase, meaning) -> {
      long count = lines.stream().filter(line -> line.contains(phrase)).count();
      if (count > 0) {
        notes.add(count + "× " + meaning);
      }
    });
    return notes;
  }
}
