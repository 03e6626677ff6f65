package io.kubervisor.bench.quality;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The clients' HTTP: a GET with a deadline, whose failures become the status a client would count as an error: a
 * refused connection 503, a deadline passed 504, any other failure 502.
 */
final class HttpGet {

  static final Duration DEADLINE = Duration.ofSeconds(5);

  private final HttpClient client = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(1))
      .build();

  CompletableFuture<Integer> get(int port) {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).timeout(DEADLINE)
        .build();
    return client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .handle((response, failure) -> failure == null ? response.statusCode() : status(failure));
  }

  private static int status(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
        : failure;
    if (cause instanceof HttpTimeoutException) {
      return 504;
    }
    return cause instanceof ConnectException ? 503 : 502;
  }
}
