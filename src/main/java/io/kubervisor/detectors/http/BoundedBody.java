package io.kubervisor.detectors.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read as UTF-8 text, up to a limit. Past the limit (or when Content-Length announces more) reading
 * stops and the body fails: a detector answer is used whole or not at all.
 */
final class BoundedBody implements BodySubscriber<String> {

  /** Thrown (as the body's failure) when the answer exceeds the limit. */
  static final class TooLarge extends IOException {
    TooLarge(long maxBytes) {
      super("the answer is larger than the " + maxBytes + "-byte limit (kubervisor.detector-max-response-bytes)");
    }
  }

  private final long maxBytes;
  private final long announcedBytes;
  private final CompletableFuture<String> body = new CompletableFuture<>();
  private final ByteArrayOutputStream received = new ByteArrayOutputStream();
  private Flow.Subscription subscription;

  private BoundedBody(long maxBytes, long announcedBytes) {
    this.maxBytes = maxBytes;
    this.announcedBytes = announcedBytes;
  }

  static BodyHandler<String> handler(long maxBytes) {
    return info -> new BoundedBody(maxBytes, info.headers().firstValueAsLong("Content-Length").orElse(-1));
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    if (announcedBytes > maxBytes) {
      fail();
    } else {
      subscription.request(Long.MAX_VALUE);
    }
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    for (ByteBuffer buffer : buffers) {
      if (body.isDone()) {
        return;
      }
      if (received.size() + (long) buffer.remaining() > maxBytes) {
        fail();
        return;
      }
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      received.writeBytes(bytes);
    }
  }

  @Override
  public void onError(Throwable failure) {
    body.completeExceptionally(failure);
  }

  @Override
  public void onComplete() {
    body.complete(received.toString(StandardCharsets.UTF_8));
  }

  @Override
  public CompletionStage<String> getBody() {
    return body;
  }

  private void fail() {
    subscription.cancel();
    body.completeExceptionally(new TooLarge(maxBytes));
  }
}
