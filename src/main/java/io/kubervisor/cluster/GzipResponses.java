package io.kubervisor.cluster;

import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.compression.ZlibCodecFactory;
import io.netty.handler.codec.compression.ZlibWrapper;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks the API server for gzip, as client-go does, and inflates what comes compressed. fabric8's Vert.x client does
 * neither, and a first LIST of 10,000 pods is then about 50 MB of JSON to decrypt: without C2 (the chart runs the JIT's
 * first tier), TLS decryption was the largest cost of the start-up. The API server compresses only responses above
 * 128 KiB, so large LISTs; it never compresses watches, which are not asked, so their events are not held back.
 *
 * <p>A compressed body is told by its first byte, gzip's 0x1f, which no JSON, YAML or text body starts with: fabric8
 * hands the body to its consumer before, or without, telling interceptors the response's headers.
 */
public final class GzipResponses implements Interceptor {

  /** The name it is registered under on the client. */
  public static final String NAME = "gzip-responses";

  private static final byte GZIP_FIRST_BYTE = 0x1f;

  @Override
  public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
    if (!isWatch(request)) {
      builder.setHeader("Accept-Encoding", "gzip");
    }
  }

  @Override
  public AsyncBody.Consumer<List<ByteBuffer>> consumer(AsyncBody.Consumer<List<ByteBuffer>> consumer,
      HttpRequest request) {
    return isWatch(request) ? consumer : new Inflating(consumer);
  }

  static boolean isWatch(HttpRequest request) {
    String query = request.uri().getRawQuery();
    return query != null && ("&" + query).contains("&watch=true");
  }

  /** Passes a plain body through; inflates a gzip one, chunk by chunk, as it arrives. */
  static final class Inflating implements AsyncBody.Consumer<List<ByteBuffer>> {

    private final AsyncBody.Consumer<List<ByteBuffer>> downstream;
    private Boolean compressed;
    private EmbeddedChannel inflater;

    Inflating(AsyncBody.Consumer<List<ByteBuffer>> downstream) {
      this.downstream = downstream;
    }

    @Override
    public void consume(List<ByteBuffer> chunk, AsyncBody body) throws Exception {
      if (compressed == null) {
        ByteBuffer first = chunk.stream().filter(ByteBuffer::hasRemaining).findFirst().orElse(null);
        if (first == null) {
          downstream.consume(chunk, body);
          return;
        }
        compressed = first.get(first.position()) == GZIP_FIRST_BYTE;
        if (compressed) {
          inflater = new EmbeddedChannel(ZlibCodecFactory.newZlibDecoder(ZlibWrapper.GZIP));
          // The inflater's native memory goes with the body, read to its end or not.
          body.done().whenComplete((done, failure) -> release());
        }
      }
      if (!compressed) {
        downstream.consume(chunk, body);
        return;
      }
      List<ByteBuffer> inflated = inflate(chunk);
      if (inflated.isEmpty()) {
        body.consume(); // a gzip header alone: nothing to hand on yet, so ask for the next chunk
      } else {
        downstream.consume(inflated, body);
      }
    }

    /** Synchronized with {@link #release}: a cancelled body completes on the canceller's thread. */
    private synchronized List<ByteBuffer> inflate(List<ByteBuffer> chunk) {
      for (ByteBuffer buffer : chunk) {
        inflater.writeInbound(Unpooled.wrappedBuffer(buffer));
      }
      List<ByteBuffer> inflated = new ArrayList<>();
      for (ByteBuf out = inflater.readInbound(); out != null; out = inflater.readInbound()) {
        try {
          byte[] bytes = new byte[out.readableBytes()];
          out.readBytes(bytes);
          inflated.add(ByteBuffer.wrap(bytes));
        } finally {
          out.release();
        }
      }
      return inflated;
    }

    private synchronized void release() {
      inflater.finishAndReleaseAll();
    }

    @Override
    public <U> U unwrap(Class<U> target) {
      return downstream.unwrap(target);
    }
  }
}
