package io.kubervisor.sandbox;

import java.util.ArrayDeque;
import java.util.Deque;

/** Closes what was added, last first, once, whatever fails: from the normal end, a failure or a Ctrl-C. */
final class Closer implements AutoCloseable {

  private final Deque<AutoCloseable> resources = new ArrayDeque<>();

  synchronized <T extends AutoCloseable> T add(T resource) {
    resources.push(resource);
    return resource;
  }

  @Override
  public synchronized void close() {
    while (!resources.isEmpty()) {
      AutoCloseable resource = resources.pop();
      try {
        resource.close();
      } catch (Exception e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        System.err.println("[sandbox] cleanup of " + resource.getClass().getSimpleName() + " failed: " + e);
      }
    }
  }
}
