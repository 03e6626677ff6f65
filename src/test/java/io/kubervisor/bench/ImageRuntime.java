package io.kubervisor.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The JVM options of deploy/Dockerfile's ENTRYPOINT, so the benchmark starts the jar as the image does. The image's
 * class-data-sharing archive is written the same way for the benchmark's jar, beside it, by deploy/cds-archive.sh.
 *
 * @param jvmOptions what the ENTRYPOINT passes to java before {@code -jar}, reading the benchmark's archive
 */
record ImageRuntime(List<String> jvmOptions) {

  static final Path DOCKERFILE = Path.of("deploy/Dockerfile");
  static final Path CDS_ARCHIVE_SCRIPT = Path.of("deploy/cds-archive.sh");
  static final Path CLASS_LIST = Path.of("deploy/kubervisor.classlist");
  private static final String ARCHIVE_OPTION = "-XX:SharedArchiveFile=";

  /** Writes the jar's archive if the ENTRYPOINT reads one. */
  static ImageRuntime prepare(Path jar) throws IOException, InterruptedException {
    List<String> options = entrypointJvmOptions(Files.readString(DOCKERFILE));
    if (options.stream().noneMatch(option -> option.startsWith(ARCHIVE_OPTION))) {
      return new ImageRuntime(options);
    }
    Path archive = jar.toAbsolutePath().resolveSibling("kubervisor.jsa");
    Process dump = new ProcessBuilder("bash", CDS_ARCHIVE_SCRIPT.toString(), jar.toString(), CLASS_LIST.toString(),
        archive.toString())
        .inheritIO().start();
    if (dump.waitFor() != 0) {
      throw new IllegalStateException(CDS_ARCHIVE_SCRIPT + " failed with exit status " + dump.exitValue());
    }
    return new ImageRuntime(options.stream()
        .map(option -> option.startsWith(ARCHIVE_OPTION) ? ARCHIVE_OPTION + archive : option).toList());
  }

  /** The options between {@code java} and {@code -jar} of the last ENTRYPOINT, in its exec (JSON) form. */
  static List<String> entrypointJvmOptions(String dockerfile) throws IOException {
    String entrypoint = dockerfile.lines().filter(line -> line.startsWith("ENTRYPOINT "))
        .reduce((first, last) -> last)
        .orElseThrow(() -> new IllegalStateException(DOCKERFILE + " has no ENTRYPOINT"));
    List<String> command = new ObjectMapper().readValue(entrypoint.substring("ENTRYPOINT ".length()),
        new TypeReference<List<String>>() {});
    int jar = command.indexOf("-jar");
    if (command.isEmpty() || !command.get(0).equals("java") || jar < 0) {
      throw new IllegalStateException(DOCKERFILE + ": expected ENTRYPOINT [\"java\", ..., \"-jar\", JAR], found "
          + command);
    }
    return List.copyOf(command.subList(1, jar));
  }
}
