package io.kubervisor.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every relative link in README.md and docs/ points to a file of the repository. */
class DocLinksTest {

  /** An inline link or image, {@code [text](target "title")}, and a reference definition, {@code [id]: target}. */
  private static final Pattern LINK = Pattern.compile("\\]\\(\\s*(?:<([^>]+)>|([^)\\s]+))(?:\\s+\"[^\"]*\")?\\s*\\)"
      + "|^\\s*\\[[^\\]]+\\]:\\s*(?:<([^>]+)>|(\\S+))", Pattern.MULTILINE);

  @Test
  void relativeLinksPointToExistingFiles() throws IOException {
    List<String> broken = new ArrayList<>();
    for (Path page : pages()) {
      for (String target : relativeTargets(Files.readString(page))) {
        Path file = page.getParent() == null ? Path.of(target) : page.getParent().resolve(target);
        Path normalized = file.normalize();
        if (!Files.exists(normalized)) {
          broken.add(page + " -> " + target);
        }
      }
    }
    assertThat(broken).as("links to missing files").isEmpty();
  }

  @Test
  void findsLinksOutsideCodeOnly() {
    String page = """
        See [a](a.md#x), `[x](y)`, [b](<b c.md>), [site](https://example.org), [top](#top) and ![img](img/d.png "D").
        [ref]: e/f.md
        ```
        [not](a-link.md)
        ```
        """;
    assertThat(relativeTargets(page)).containsExactly("a.md", "b c.md", "img/d.png", "e/f.md");
  }

  private static List<Path> pages() throws IOException {
    try (Stream<Path> docs = Files.walk(Path.of("docs"))) {
      return Stream.concat(Stream.of(Path.of("README.md")), docs.filter(p -> p.toString().endsWith(".md"))).toList();
    }
  }

  /** Link targets that are files of the repository: no scheme, no bare anchor, the anchor dropped. */
  static List<String> relativeTargets(String markdown) {
    List<String> targets = new ArrayList<>();
    Matcher link = LINK.matcher(withoutCode(markdown));
    while (link.find()) {
      String target = Stream.of(link.group(1), link.group(2), link.group(3), link.group(4))
          .filter(g -> g != null).findFirst().orElseThrow();
      int anchor = target.indexOf('#');
      String file = anchor < 0 ? target : target.substring(0, anchor);
      if (!file.isEmpty() && !file.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
        targets.add(file);
      }
    }
    return targets;
  }

  /** Code shows text (Mermaid, YAML, a pattern such as {@code [a-z]([-a-z]*)}), not links. */
  private static String withoutCode(String markdown) {
    StringBuilder kept = new StringBuilder();
    boolean inCode = false;
    for (String line : markdown.split("\n", -1)) {
      if (line.strip().startsWith("```")) {
        inCode = !inCode;
      } else if (!inCode) {
        kept.append(line.replaceAll("`[^`]*`", "")).append('\n');
      }
    }
    return kept.toString();
  }
}
