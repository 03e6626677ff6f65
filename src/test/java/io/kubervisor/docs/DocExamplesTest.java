package io.kubervisor.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every complete BreakerConfig shown in docs/ and deploy/examples/ fits the CRD's schema: no misspelt or retired field,
 * no value outside an enum, a pattern or a range. (The API server's CEL rules, such as one detector per breaker, are
 * left to BreakerConfigCrdIT.)
 */
class DocExamplesTest {

  private static final Pattern YAML_BLOCK = Pattern.compile("^```yaml\\n(.*?)^```", Pattern.MULTILINE | Pattern.DOTALL);
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Test
  void everyBreakerConfigShownFitsTheSchema() throws IOException {
    JSONSchemaProps schema = Serialization.unmarshal(Files.readString(BreakerConfigReferenceTest.CRD),
        CustomResourceDefinition.class).getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema();
    List<String> errors = new ArrayList<>();
    int checked = 0;
    for (Map.Entry<String, String> example : examples()) {
      JsonNode config = YAML.readTree(example.getValue());
      if (!"BreakerConfig".equals(config.path("kind").asText())) {
        continue;
      }
      checked++;
      List<String> found = new ArrayList<>();
      check(config.path("spec"), schema.getProperties().get("spec"), "spec", found);
      found.forEach(error -> errors.add(example.getKey() + ": " + error));
    }
    assertThat(checked).isGreaterThan(10);
    assertThat(errors).isEmpty();
  }

  @Test
  void reportsWhatTheApiServerWouldReject() throws IOException {
    JSONSchemaProps schema = Serialization.unmarshal(Files.readString(BreakerConfigReferenceTest.CRD),
        CustomResourceDefinition.class).getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema();
    JsonNode spec = YAML.readTree("""
        service: web
        mode: Enforcing
        breakers:
          - name: errors
            minPodsAvailableRatio: 150
            threshold: {prometheusService: prometheus:9090, promQL: up, abvoe: 1}
        """);
    List<String> errors = new ArrayList<>();
    check(spec, schema.getProperties().get("spec"), "spec", errors);
    assertThat(errors).containsExactlyInAnyOrder(
        "spec.mode: Enforcing is not one of Disabled, DryRun, Enabled",
        "spec.breakers[0].minPodsAvailableRatio: 150 is above 100.0",
        "spec.breakers[0].threshold.abvoe: no such field",
        "spec.breakers[0].threshold.prometheusService: prometheus:9090 does not match ^https?://[^\\s/?#@]+([/?#]\\S*)?$");
  }

  /** Every ```yaml block of the docs, and every file of deploy/examples/, by where it comes from. */
  private static List<Map.Entry<String, String>> examples() throws IOException {
    List<Map.Entry<String, String>> examples = new ArrayList<>();
    try (Stream<Path> docs = Files.walk(Path.of("docs")); Stream<Path> files = Files.list(Path.of("deploy/examples"))) {
      for (Path page : docs.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
        String text = Files.readString(page);
        Matcher block = YAML_BLOCK.matcher(text);
        while (block.find()) {
          long line = 1 + text.substring(0, block.start()).chars().filter(c -> c == '\n').count();
          examples.add(Map.entry(page + " line " + line, block.group(1)));
        }
      }
      for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        examples.add(Map.entry(file.toString(), Files.readString(file)));
      }
    }
    return examples;
  }

  /** The structural part of the API server's validation: fields, types, enums, patterns, ranges, required fields. */
  static void check(JsonNode value, JSONSchemaProps schema, String path, List<String> errors) {
    switch (schema.getType()) {
      case "object" -> {
        if (!value.isObject()) {
          errors.add(path + ": not an object");
          return;
        }
        if (schema.getRequired() != null) {
          schema.getRequired().stream().filter(name -> !value.has(name))
              .forEach(name -> errors.add(path + "." + name + ": required"));
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
          Map.Entry<String, JsonNode> field = fields.next();
          JSONSchemaProps fieldSchema = schema.getProperties() != null && schema.getProperties().containsKey(
              field.getKey()) ? schema.getProperties().get(field.getKey())
              : schema.getAdditionalProperties() != null ? schema.getAdditionalProperties().getSchema() : null;
          if (fieldSchema == null) {
            errors.add(path + "." + field.getKey() + ": no such field");
          } else {
            check(field.getValue(), fieldSchema, path + "." + field.getKey(), errors);
          }
        }
      }
      case "array" -> {
        if (!value.isArray()) {
          errors.add(path + ": not a list");
          return;
        }
        for (int i = 0; i < value.size(); i++) {
          check(value.get(i), schema.getItems().getSchema(), path + "[" + i + "]", errors);
        }
      }
      case "string" -> {
        if (!value.isTextual()) {
          errors.add(path + ": " + value + " is not a string");
        } else if (schema.getEnum() != null && !schema.getEnum().isEmpty() && !schema.getEnum().contains(value)) {
          errors.add(path + ": " + value.asText() + " is not one of "
              + String.join(", ", schema.getEnum().stream().map(JsonNode::asText).toList()));
        } else if (schema.getPattern() != null && !value.asText().matches(schema.getPattern())) {
          errors.add(path + ": " + value.asText() + " does not match " + schema.getPattern());
        }
      }
      case "integer", "number" -> {
        if (!value.isNumber() || "integer".equals(schema.getType()) && !value.canConvertToExactIntegral()) {
          errors.add(path + ": " + value + " is not an " + schema.getType());
        } else if (schema.getMinimum() != null && value.doubleValue() < schema.getMinimum()) {
          errors.add(path + ": " + value + " is below " + schema.getMinimum());
        } else if (schema.getMaximum() != null && value.doubleValue() > schema.getMaximum()) {
          errors.add(path + ": " + value + " is above " + schema.getMaximum());
        }
      }
      case "boolean" -> {
        if (!value.isBoolean()) {
          errors.add(path + ": " + value + " is not a boolean");
        }
      }
      default -> errors.add(path + ": the schema's type " + schema.getType() + " is not checked here");
    }
  }
}
