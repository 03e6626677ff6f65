package io.kubervisor.sandbox;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.kubervisor.api.v1alpha1.Durations;
import io.kubervisor.api.v1alpha1.Mode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A sandbox scenario, from its YAML file (deploy/sandbox/scenarios/): the fleet, the BreakerConfig that protects it,
 * and the steps that change pods' behaviour over time. Times are from the scenario's start, when kubervisor has
 * evaluated the healthy fleet once.
 *
 * @param breakerConfig the BreakerConfig file, resolved against the scenario's directory
 * @param mode null to keep the BreakerConfig's own mode
 */
public record Scenario(String name, String description, Path breakerConfig, Mode mode, int pods,
    double requestsPerSecond, Duration duration, List<ScenarioStep> steps) {

  public static final Path DEFAULT = Path.of("deploy/sandbox/scenarios/default.yaml");

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** The file as written; every field is checked and converted by {@link #load}. */
  private record File(String description, String breakerConfig, Mode mode, Integer pods, Double requestsPerSecond,
      String duration, List<Step> steps) {
  }

  private record Step(String at, JsonNode pods, Double errorRate, String latency, String flapEvery, Mode mode,
      String say) {
  }

  /** Reads and checks a scenario; the message of any failure names the file and the field. */
  public static Scenario load(Path file) throws IOException {
    File raw;
    try {
      raw = YAML.readValue(Files.readString(file), File.class);
    } catch (UnrecognizedPropertyException e) {
      throw new IllegalArgumentException("scenario " + file + ": unknown field " + e.getPropertyName() + "; the fields"
          + " here are " + e.getKnownPropertyIds(), e);
    } catch (JsonMappingException e) {
      throw new IllegalArgumentException("scenario " + file + ": " + e.getPathReference() + ": "
          + e.getOriginalMessage(), e);
    }
    try {
      return convert(file, raw);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("scenario " + file + ": " + e.getMessage(), e);
    }
  }

  private static Scenario convert(Path file, File raw) {
    String name = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
    if (raw.breakerConfig == null) {
      throw new IllegalArgumentException("breakerConfig is required: the BreakerConfig file that protects the fleet");
    }
    Path breakerConfig = file.toAbsolutePath().getParent().resolve(raw.breakerConfig).normalize();
    int pods = raw.pods == null ? 10 : raw.pods;
    if (pods < 1) {
      throw new IllegalArgumentException("pods must be at least 1, was " + pods);
    }
    double rate = raw.requestsPerSecond == null ? 200 : raw.requestsPerSecond;
    Duration duration = duration("duration", raw.duration == null ? "60s" : raw.duration);
    List<ScenarioStep> steps = new ArrayList<>();
    List<Step> rawSteps = raw.steps == null ? List.of() : raw.steps;
    for (int i = 0; i < rawSteps.size(); i++) {
      try {
        steps.add(step(rawSteps.get(i), pods, duration));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("steps[" + i + "]: " + e.getMessage(), e);
      }
    }
    steps.sort(Comparator.comparing(ScenarioStep::at));
    return new Scenario(name, raw.description == null ? "" : raw.description.strip(), breakerConfig, raw.mode, pods,
        rate, duration, List.copyOf(steps));
  }

  private static ScenarioStep step(Step raw, int pods, Duration duration) {
    Duration at = duration("at", raw.at);
    if (at.compareTo(duration) >= 0) {
      throw new IllegalArgumentException("at " + raw.at + " is not before the scenario's end at " + duration);
    }
    PodSelection selection = selection(raw.pods);
    if (selection == null && raw.mode == null) {
      throw new IllegalArgumentException("a step needs pods (with a behaviour) or a mode");
    }
    if (selection != null) {
      selection.check(pods);
    }
    Behaviour behaviour = new Behaviour(raw.errorRate == null ? 0 : raw.errorRate,
        raw.latency == null ? null : duration("latency", raw.latency),
        raw.flapEvery == null ? null : duration("flapEvery", raw.flapEvery));
    return new ScenarioStep(at, selection, behaviour, raw.mode, raw.say == null ? "" : raw.say);
  }

  /** {@code all}, or a list of indexes. */
  private static PodSelection selection(JsonNode pods) {
    if (pods == null || pods.isNull()) {
      return null;
    }
    if (pods.isTextual() && "all".equals(pods.asText())) {
      return PodSelection.ALL;
    }
    if (pods.isArray()) {
      List<Integer> indexes = new ArrayList<>();
      pods.forEach(index -> {
        if (!index.canConvertToInt() || !index.isIntegralNumber()) {
          throw new IllegalArgumentException("pods must be all or a list of pod indexes, found " + index);
        }
        indexes.add(index.asInt());
      });
      return PodSelection.of(indexes);
    }
    throw new IllegalArgumentException("pods must be all or a list of pod indexes such as [0, 1], found " + pods);
  }

  private static Duration duration(String field, String text) {
    if (text == null) {
      throw new IllegalArgumentException(field + " is required");
    }
    try {
      return Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
    }
  }
}
