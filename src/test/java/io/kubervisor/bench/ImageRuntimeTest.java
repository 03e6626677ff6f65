package io.kubervisor.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class ImageRuntimeTest {

  @Test
  void theImageStartsTheJarWithItsClassDataSharingArchive() throws Exception {
    assertThat(ImageRuntime.entrypointJvmOptions(Files.readString(ImageRuntime.DOCKERFILE)))
        .containsExactly("-XX:SharedArchiveFile=/opt/kubervisor/kubervisor.jsa");
  }

  @Test
  void readsTheOptionsBeforeTheJarOfTheLastEntrypoint() throws Exception {
    assertThat(ImageRuntime.entrypointJvmOptions("""
        FROM x
        ENTRYPOINT ["java", "-jar", "old.jar"]
        ENTRYPOINT ["java", "-Xss1m", "-Dx=y", "-jar", "/app.jar", "--flag"]
        """)).containsExactly("-Xss1m", "-Dx=y");
  }

  @Test
  void refusesAnEntrypointItCannotReadAsJavaDashJar() {
    assertThatThrownBy(() -> ImageRuntime.entrypointJvmOptions("ENTRYPOINT [\"/start.sh\"]\n"))
        .hasMessageContaining("expected ENTRYPOINT");
    assertThatThrownBy(() -> ImageRuntime.entrypointJvmOptions("FROM x\n")).hasMessageContaining("no ENTRYPOINT");
  }
}
