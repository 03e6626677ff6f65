package io.kubervisor.bench;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/** Runs an action on every item with a few threads: creating thousands of objects one call at a time is slow. */
final class Parallel {

  private static final int THREADS = 8;

  private Parallel() {}

  /** Returns once every action has run, or throws the first failure met and stops the others. */
  static <T> void forEach(Collection<T> items, Consumer<T> action) {
    ExecutorService threads = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> runs = items.stream().<Future<?>>map(item -> threads.submit(() -> action.accept(item))).toList();
      for (Future<?> run : runs) {
        run.get();
      }
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } finally {
      threads.shutdownNow();
    }
  }
}
