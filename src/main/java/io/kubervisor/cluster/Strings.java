package io.kubervisor.cluster;

import java.util.HashMap;
import java.util.Map;

/**
 * Shares the strings thousands of cached pods repeat (namespaces, label keys and values, owner names), through the
 * JVM's string table, whose entries are collected once nothing refers to them.
 */
final class Strings {

  private Strings() {}

  static String intern(String value) {
    return value == null ? null : value.intern();
  }

  /** An immutable copy with interned keys and values. */
  static Map<String, String> intern(Map<String, String> map) {
    if (map == null || map.isEmpty()) {
      return Map.of();
    }
    Map<String, String> interned = new HashMap<>(map.size() * 2);
    map.forEach((key, value) -> interned.put(key.intern(), value == null ? "" : value.intern()));
    return Map.copyOf(interned);
  }
}
