package io.kubervisor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubervisor.api.v1alpha1.BreakerConfig;
import io.kubervisor.api.v1alpha1.Mode;
import io.kubervisor.testing.TestNamespace;
import io.kubervisor.testing.WithLocalCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The generated CRD on a real API server: it applies, the examples pass, and invalid specs get readable refusals. */
@WithLocalCluster
class BreakerConfigCrdIT {

  @BeforeAll
  static void installCrd(KubernetesClient client) throws IOException {
    Crds.install(client);
  }

  @Test
  void everyExampleIsAcceptedAndDefaulted(KubernetesClient client, @TestNamespace("examples") String namespace)
      throws IOException {
    try (Stream<Path> examples = Files.list(Path.of("deploy/examples"))) {
      for (Path example : examples.filter(p -> p.toString().endsWith(".yaml")).toList()) {
        BreakerConfig config = Serialization.unmarshal(Files.readString(example), BreakerConfig.class);
        config.getMetadata().setNamespace(namespace);
        BreakerConfig created = client.resource(config).create();
        assertThat(created.getSpec().mode).as(example.toString()).isNotNull();
        assertThat(created.getSpec().breakers.get(0).evaluationPeriod).as(example.toString()).isNotBlank();
      }
    }
  }

  @Test
  void schemaDefaultsApply(KubernetesClient client, @TestNamespace("defaults") String namespace) {
    BreakerConfig created = create(client, namespace, """
        service: web
        breakers:
          - name: errors
            external:
              url: http://detector:8080/bad
        """);
    assertThat(created.getSpec().mode).isEqualTo(Mode.Enabled);
    assertThat(created.getSpec().breakers.get(0).evaluationPeriod).isEqualTo("5s");
    assertThat(created.getSpec().breakers.get(0).minPodsAvailableCount).isEqualTo(1);
    assertThat(created.getSpec().breakers.get(0).minPodsAvailableRatio).isEqualTo(50);
    assertThat(created.getSpec().breakers.get(0).external.timeout).isEqualTo("1s");
  }

  static Stream<Arguments> invalidSpecs() {
    return Stream.of(
        Arguments.of("no detector", """
            service: web
            breakers:
              - name: nothing
            """, "a breaker needs exactly one detector"),
        Arguments.of("two detectors", """
            service: web
            breakers:
              - name: both
                external: {url: "http://a"}
                continuousValueDeviation: {prometheusService: "http://p:9090", promQL: "x"}
            """, "a breaker needs exactly one detector"),
        Arguments.of("good and bad values", """
            service: web
            breakers:
              - name: codes
                discreteValueOutOfList:
                  prometheusService: http://p:9090
                  promQL: x
                  key: code
                  goodValues: ["200"]
                  badValues: ["500"]
            """, "set exactly one of goodValues or badValues"),
        Arguments.of("duplicate breaker names", """
            service: web
            breakers:
              - {name: same, external: {url: "http://a"}}
              - {name: same, external: {url: "http://b"}}
            """, "breaker names must be unique"),
        Arguments.of("no breakers", """
            service: web
            breakers: []
            """, "spec.breakers"),
        Arguments.of("bad duration", """
            service: web
            breakers:
              - {name: b, evaluationPeriod: "ten seconds", external: {url: "http://a"}}
            """, "spec.breakers[0].evaluationPeriod"),
        Arguments.of("too short period", """
            service: web
            breakers:
              - {name: b, evaluationPeriod: "100ms", external: {url: "http://a"}}
            """, "evaluationPeriod must be at least 1s"),
        Arguments.of("ratio above 100", """
            service: web
            breakers:
              - {name: b, minPodsAvailableRatio: 150, external: {url: "http://a"}}
            """, "spec.breakers[0].minPodsAvailableRatio"),
        Arguments.of("unknown mode", """
            service: web
            mode: Sometimes
            breakers:
              - {name: b, external: {url: "http://a"}}
            """, "spec.mode"),
        Arguments.of("non-http detector URL", """
            service: web
            breakers:
              - {name: b, external: {url: "file:///etc/passwd"}}
            """, "must be an http:// or https:// URL"),
        Arguments.of("non-http Prometheus URL", """
            service: web
            breakers:
              - {name: b, threshold: {prometheusService: "ftp://p:9090", promQL: x, above: 1}}
            """, "spec.breakers[0].threshold.prometheusService: Invalid value"),
        Arguments.of("credentials in the URL", """
            service: web
            breakers:
              - {name: b, external: {url: "https://user:pw@detector/bad"}}
            """, "no user:password@"),
        Arguments.of("authorization and basicAuth", """
            service: web
            breakers:
              - name: b
                external:
                  url: https://a
                  authorization: {credentials: {name: s, key: token}}
                  basicAuth: {username: {name: s, key: u}, password: {name: s, key: p}}
            """, "set at most one of authorization or basicAuth"),
        Arguments.of("tls on an http URL", """
            service: web
            breakers:
              - name: b
                outlier:
                  prometheusService: http://p:9090
                  promQL: x
                  tls: {ca: {configMap: {name: ca, key: ca.crt}}}
            """, "tls applies to https URLs only"),
        Arguments.of("CA from both a ConfigMap and a Secret", """
            service: web
            breakers:
              - name: b
                external:
                  url: https://a
                  tls: {ca: {configMap: {name: ca, key: ca.crt}, secret: {name: ca, key: ca.crt}}}
            """, "set exactly one of configMap or secret"),
        Arguments.of("Basic as an authorization type", """
            service: web
            breakers:
              - name: b
                external:
                  url: https://a
                  authorization: {type: basic, credentials: {name: s, key: token}}
            """, "use basicAuth for basic authentication"),
        Arguments.of("missing service", """
            breakers:
              - {name: b, external: {url: "http://a"}}
            """, "spec.service"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidSpecs")
  void invalidSpecIsRejectedWithAReadableMessage(String what, String spec, String expected, KubernetesClient client,
      @TestNamespace("invalid") String namespace) {
    assertThatThrownBy(() -> create(client, namespace, spec))
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(422);
          assertThat(e.getStatus().getMessage()).contains(expected);
        });
  }

  private static BreakerConfig create(KubernetesClient client, String namespace, String spec) {
    String yaml = """
        apiVersion: kubervisor.io/v1alpha1
        kind: BreakerConfig
        metadata:
          name: subject
        spec:
        """ + spec.indent(2);
    // Sent as written, untyped: the API server, not the Java model, must judge it and fill the defaults.
    GenericKubernetesResource resource = Serialization.unmarshal(yaml, GenericKubernetesResource.class);
    resource.getMetadata().setNamespace(namespace);
    GenericKubernetesResource created = client.resource(resource).create();
    return Serialization.unmarshal(Serialization.asJson(created), BreakerConfig.class);
  }
}
