package io.kubervisor.bench.quality;

import java.util.concurrent.CompletableFuture;

/** How a policy's client sends one request: it completes with the HTTP status the client got. */
@FunctionalInterface
interface Router {
  CompletableFuture<Integer> send();
}
