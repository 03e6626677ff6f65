package io.kubervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MainTest {

  private static final Path ROUTES = Path.of("routes");

  @Test
  void theJarLoadsEveryRouteOfTheRepositoryByName() throws IOException {
    try (Stream<Path> files = Files.walk(ROUTES)) {
      assertThat(files.filter(file -> file.getFileName().toString().endsWith(".camel.yaml"))
          .map(file -> ROUTES.relativize(file).toString().replace('\\', '/')))
          .containsExactlyInAnyOrderElementsOf(Main.SHIPPED_ROUTES);
    }
  }

  @Test
  void namesEachShippedRouteWithoutAPatternThatWouldScanTheJar() {
    assertThat(Stream.of(Main.routesIncludePattern().split(",")).filter(route -> route.startsWith("classpath:")))
        .hasSameSizeAs(Main.SHIPPED_ROUTES).noneMatch(route -> route.contains("*"))
        .contains("classpath:routes/supervisor.camel.yaml");
  }
}
