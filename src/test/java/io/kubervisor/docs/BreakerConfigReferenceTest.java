package io.kubervisor.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * docs/reference/breakerconfig.md is rendered from the generated CRD, so it never drifts from the schema the API server
 * enforces. This test renders it and fails when the checked-in page differs. After changing the model, regenerate the
 * CRD (CrdGenerationTest) and then the page: {@code mvn test -Dtest=BreakerConfigReferenceTest -Ddocs.update=true}.
 */
class BreakerConfigReferenceTest {

  static final Path CRD = Path.of("deploy/crd/breakerconfigs.kubervisor.io-v1.yml");
  static final Path PAGE = Path.of("docs/reference/breakerconfig.md");
  /** Kubernetes' own fields: kubectl explain documents them. */
  private static final Set<String> STANDARD_FIELDS = Set.of("apiVersion", "kind", "metadata");

  @Test
  void checkedInReferenceMatchesTheCrd() throws IOException {
    String rendered = render(Serialization.unmarshal(Files.readString(CRD), CustomResourceDefinition.class));
    if (Boolean.getBoolean("docs.update")) {
      Files.createDirectories(PAGE.getParent());
      Files.writeString(PAGE, rendered);
    }
    assertThat(Files.exists(PAGE) ? Files.readString(PAGE) : "")
        .as(PAGE + " is stale: run mvn test -Dtest=BreakerConfigReferenceTest -Ddocs.update=true")
        .isEqualTo(rendered);
  }

  @Test
  void rendersTypesDefaultsValidationAndRequiredFields() throws IOException {
    CustomResourceDefinition crd = Serialization.unmarshal(Files.readString(CRD), CustomResourceDefinition.class);
    String page = render(crd);
    assertThat(page)
        .contains("| `spec.breakers[].activator.killMethod` | string |  | `Evict` | one of `Delete`, `Evict` |")
        .contains("| `spec.service` | string | yes |  | pattern `^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`; max length 63 |")
        .contains("| `spec.breakers[].custom.parameters` | map[string]string |")
        .contains("| `status.lastEvaluation[].outcome` | string |");
  }

  static String render(CustomResourceDefinition crd) {
    var spec = crd.getSpec();
    StringBuilder out = new StringBuilder();
    out.append("# ").append(spec.getNames().getKind()).append(" reference\n\n")
        .append("<!-- Generated from ").append(CRD).append(" by BreakerConfigReferenceTest; do not edit by hand.\n")
        .append("     Regenerate: mvn test -Dtest=BreakerConfigReferenceTest -Ddocs.update=true -->\n\n")
        .append("Every field of the CRD the API server enforces, generated from it. What the fields mean together, with an\n")
        .append("example: [breakerconfig.md](../breakerconfig.md).\n\n")
        .append("- API group `").append(spec.getGroup()).append("`, ").append(spec.getScope().toLowerCase())
        .append(", plural `").append(spec.getNames().getPlural()).append("`, short names ")
        .append(codeList(spec.getNames().getShortNames())).append(".\n")
        .append("- **Required** fields must be set; a field with a **default** is filled in by the API server when omitted.\n")
        .append("- `[]` marks the items of a list. Durations are Go-style: `500ms`, `10s`, `1m30s`, `2h`.\n");
    for (CustomResourceDefinitionVersion version : spec.getVersions()) {
      out.append("\n## ").append(spec.getGroup()).append('/').append(version.getName()).append("\n\n");
      if (version.getAdditionalPrinterColumns() != null && !version.getAdditionalPrinterColumns().isEmpty()) {
        out.append("`kubectl get ").append(spec.getNames().getShortNames().get(0)).append("` columns:\n\n")
            .append("| column | JSON path | type |\n|---|---|---|\n");
        for (CustomResourceColumnDefinition column : version.getAdditionalPrinterColumns()) {
          out.append("| ").append(column.getName()).append(" | ").append(code(column.getJsonPath())).append(" | ")
              .append(column.getType()).append(" |\n");
        }
      }
      JSONSchemaProps root = version.getSchema().getOpenAPIV3Schema();
      root.getProperties().forEach((name, schema) -> {
        if (STANDARD_FIELDS.contains(name)) {
          return;
        }
        out.append("\n### ").append(name).append("\n\n")
            .append("| field | type | required | default | validation | description |\n")
            .append("|---|---|---|---|---|---|\n");
        List<String> rows = new ArrayList<>();
        children(name, schema, rows);
        rows.forEach(row -> out.append(row).append('\n'));
      });
    }
    return out.toString();
  }

  /** One row per field below {@code path}, depth first, in the CRD's order. */
  private static void children(String path, JSONSchemaProps schema, List<String> rows) {
    JSONSchemaProps object = itemsOf(schema);
    String prefix = object == schema ? path : path + "[]";
    if (object.getProperties() == null) {
      return;
    }
    List<String> required = object.getRequired() == null ? List.of() : object.getRequired();
    for (Map.Entry<String, JSONSchemaProps> field : object.getProperties().entrySet()) {
      String fieldPath = prefix + "." + field.getKey();
      rows.add(row(fieldPath, field.getValue(), required.contains(field.getKey())));
      children(fieldPath, field.getValue(), rows);
    }
  }

  /** A list's item schema (of a list of lists, the innermost), else the schema itself. */
  private static JSONSchemaProps itemsOf(JSONSchemaProps schema) {
    JSONSchemaProps current = schema;
    while ("array".equals(current.getType()) && current.getItems() != null && current.getItems().getSchema() != null) {
      current = current.getItems().getSchema();
    }
    return current;
  }

  private static String row(String path, JSONSchemaProps schema, boolean required) {
    return "| " + code(path) + " | " + type(schema) + " | " + (required ? "yes" : "") + " | "
        + (schema.getDefault() == null ? "" : code(value(schema.getDefault()))) + " | "
        + String.join("; ", validation(schema)) + " | " + text(schema.getDescription()) + " |";
  }

  private static String type(JSONSchemaProps schema) {
    if ("array".equals(schema.getType()) && schema.getItems() != null && schema.getItems().getSchema() != null) {
      return "[]" + type(schema.getItems().getSchema());
    }
    if ("object".equals(schema.getType()) && schema.getAdditionalProperties() != null
        && schema.getAdditionalProperties().getSchema() != null) {
      return "map[string]" + type(schema.getAdditionalProperties().getSchema());
    }
    String type = schema.getType() == null ? "any" : schema.getType();
    return schema.getFormat() == null ? type : type + " (" + schema.getFormat() + ")";
  }

  private static List<String> validation(JSONSchemaProps schema) {
    List<String> rules = new ArrayList<>();
    if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
      rules.add("one of " + codeList(schema.getEnum().stream().map(BreakerConfigReferenceTest::value).toList()));
    }
    if (schema.getPattern() != null) {
      rules.add("pattern " + code(schema.getPattern()));
    }
    if (schema.getMinimum() != null) {
      rules.add((Boolean.TRUE.equals(schema.getExclusiveMinimum()) ? "> " : "≥ ") + number(schema.getMinimum()));
    }
    if (schema.getMaximum() != null) {
      rules.add((Boolean.TRUE.equals(schema.getExclusiveMaximum()) ? "< " : "≤ ") + number(schema.getMaximum()));
    }
    if (schema.getMinLength() != null) {
      rules.add("min length " + schema.getMinLength());
    }
    if (schema.getMaxLength() != null) {
      rules.add("max length " + schema.getMaxLength());
    }
    if (schema.getMinItems() != null) {
      rules.add("min items " + schema.getMinItems());
    }
    if (schema.getMaxItems() != null) {
      rules.add("max items " + schema.getMaxItems());
    }
    if (schema.getXKubernetesValidations() != null) {
      // The message is what the API server answers, so it is what a user will search for.
      schema.getXKubernetesValidations().stream().map(ValidationRule::getMessage)
          .forEach(message -> rules.add("rule: " + text(message)));
    }
    return rules;
  }

  private static String value(JsonNode node) {
    return node.isNumber() ? number(node.doubleValue()) : node.asText();
  }

  /** The generator writes every bound as a double ({@code minimum: 0.0}); integers read better without the fraction. */
  private static String number(double number) {
    return BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
  }

  private static String codeList(List<String> values) {
    return String.join(", ", values.stream().map(BreakerConfigReferenceTest::code).toList());
  }

  private static String code(String value) {
    return "`" + value.replace("|", "\\|") + "`";
  }

  /** A table cell: one line, and a pipe would end the cell. */
  private static String text(String value) {
    return value == null ? "" : value.replace("\n", " ").replace("|", "\\|").strip();
  }
}
