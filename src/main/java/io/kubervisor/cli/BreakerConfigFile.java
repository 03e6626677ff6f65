package io.kubervisor.cli;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubervisor.api.v1alpha1.BreakerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A BreakerConfig from a YAML or JSON file, as a user writes it before applying it. */
final class BreakerConfigFile {

  private BreakerConfigFile() {}

  /** @param namespace the namespace it is in when the file names none, as kubectl apply would put it */
  static BreakerConfig read(String file, String namespace) {
    String text;
    try {
      text = Files.readString(Path.of(file));
    } catch (IOException e) {
      throw new CliException("cannot read " + file + ": " + e.getMessage() + "; pass the path of a BreakerConfig file",
          e);
    }
    // The kind as written: the typed read would take any document for a BreakerConfig.
    Map<?, ?> document = parse(file, text, Map.class);
    Object kind = document == null ? null : document.get("kind");
    if (!"BreakerConfig".equals(kind)) {
      throw new CliException(file + " is not a BreakerConfig (kind: " + kind + "); it must hold one BreakerConfig,"
          + " as kubectl apply takes it");
    }
    BreakerConfig config = parse(file, text, BreakerConfig.class);
    if (config.getMetadata().getNamespace() == null) {
      config.getMetadata().setNamespace(namespace);
    }
    return config;
  }

  private static <T> T parse(String file, String text, Class<T> type) {
    try {
      return Serialization.unmarshal(text, type);
    } catch (RuntimeException e) {
      throw new CliException(file + " is not a BreakerConfig: " + e.getMessage(), e);
    }
  }
}
