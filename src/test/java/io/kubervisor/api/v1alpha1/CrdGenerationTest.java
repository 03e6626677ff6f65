package io.kubervisor.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The CRD in deploy/crd/ is generated from the model classes and never edited by hand. This test regenerates it and
 * fails when the checked-in file differs, or when the Helm chart's copy differs from it. To update both after changing
 * the model: {@code mvn test -Dtest=CrdGenerationTest -Dcrd.update=true}.
 */
class CrdGenerationTest {

  static final Path CHECKED_IN = Path.of("deploy/crd/breakerconfigs.kubervisor.io-v1.yml");
  /** Helm installs a chart's crds/ before its templates; the file must be exactly the generated one. */
  static final Path IN_CHART = Path.of("deploy/helm/kubervisor/crds").resolve(CHECKED_IN.getFileName());

  @Test
  void checkedInCrdMatchesTheModel() throws IOException {
    Path out = Files.createTempDirectory("crd");
    Path generated = generate(out);
    if (Boolean.getBoolean("crd.update")) {
      Files.createDirectories(CHECKED_IN.getParent());
      Files.copy(generated, CHECKED_IN, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Files.copy(generated, IN_CHART, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    assertThat(Files.readString(CHECKED_IN))
        .as("deploy/crd is stale: run mvn test -Dtest=CrdGenerationTest -Dcrd.update=true")
        .isEqualTo(Files.readString(generated));
  }

  @Test
  void helmChartCarriesTheCheckedInCrd() throws IOException {
    assertThat(Files.readString(IN_CHART))
        .as(IN_CHART + " differs from " + CHECKED_IN + ": run mvn test -Dtest=CrdGenerationTest -Dcrd.update=true")
        .isEqualTo(Files.readString(CHECKED_IN));
  }

  @Test
  void printerColumnsKeepTheirDeclaredOrder() throws IOException {
    Path generated = generate(Files.createTempDirectory("crd"));
    CustomResourceDefinition crd = io.fabric8.kubernetes.client.utils.Serialization.unmarshal(
        Files.readString(generated), CustomResourceDefinition.class);
    assertThat(crd.getSpec().getVersions().get(0).getAdditionalPrinterColumns())
        .extracting(CustomResourceColumnDefinition::getName)
        .containsExactly("Service", "Mode", "Managed", "In traffic", "Broken", "Paused", "Ready", "Age");
  }

  /**
   * Generates with the fabric8 CRD generator. The generator sorts printer columns by JSON path, which would put Age
   * first in {@code kubectl get bc}; the post-processor restores the order in which the model declares them.
   */
  static Path generate(Path outputDir) {
    new CRDGenerator()
        .customResourceClasses(BreakerConfig.class)
        .forCRDVersions("v1")
        .withPostProcessor(new CRDPostProcessor() {
          @Override
          public HasMetadata process(HasMetadata crd, String version) {
            declaredColumnOrder((CustomResourceDefinition) crd);
            return crd;
          }
        })
        .inOutputDir(outputDir.toFile())
        .generate();
    return outputDir.resolve(CHECKED_IN.getFileName());
  }

  private static void declaredColumnOrder(CustomResourceDefinition crd) {
    List<String> declared = Arrays.stream(BreakerConfig.class.getAnnotationsByType(AdditionalPrinterColumn.class))
        .map(AdditionalPrinterColumn::name)
        .toList();
    crd.getSpec().getVersions().forEach(v -> v.getAdditionalPrinterColumns()
        .sort(Comparator.comparingInt(column -> declared.indexOf(column.getName()))));
  }
}
