package io.kubervisor.detectors.http;

import io.kubervisor.detectors.DetectorExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.hc.core5.http.io.EofSensorInputStream;

/**
 * Reads what camel-http brought back, as UTF-8 text, while it arrives: never more than the size limit, and never past
 * the call's deadline ({@link DetectorCall#DEADLINE}), whatever the server does. Past either, the connection is
 * aborted (closed, not drained) and the call fails: a detector answer is used whole or not at all, and a body that
 * trickles in is cut at the deadline. A non-2xx status fails too, except a Prometheus error with a JSON body, whose
 * message the next step reports.
 */
public class DetectorAnswer implements Processor {

  private final int maxBytes;
  private final ScheduledExecutorService deadlines;

  /**
   * @param maxBytes the largest answer read (kubervisor.detector-max-response-bytes)
   * @param deadlines aborts a read still blocked at its call's deadline
   */
  public DetectorAnswer(long maxBytes, ScheduledExecutorService deadlines) {
    this.maxBytes = (int) Math.min(maxBytes, Integer.MAX_VALUE - 1);
    this.deadlines = deadlines;
  }

  @Override
  public void process(Exchange exchange) throws IOException {
    Message in = exchange.getIn();
    in.removeHeader(DetectorCall.AUTHORIZATION);
    String url = in.getHeader(Exchange.HTTP_URI, String.class);
    long deadline = exchange.getProperty(DetectorCall.DEADLINE, Long.class);
    String body = read(in, url, deadline);
    int status = in.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
    boolean prometheus = DetectorExchange.breaker(exchange).external == null;
    boolean passes = status / 100 == 2 || prometheus && body.strip().startsWith("{");
    if (!passes) {
      throw new DetectorCallException("GET " + DetectorUris.shown(url) + " answered HTTP " + status
          + (status == 401 || status == 403 ? ": check the credentials (authorization or basicAuth)" : ""));
    }
    in.setBody(body);
  }

  private String read(Message in, String url, long deadline) throws IOException {
    Object body = in.getBody();
    if (!(body instanceof InputStream stream)) {
      byte[] bytes = in.getBody(byte[].class);
      if (bytes != null && bytes.length > maxBytes) {
        throw tooLarge(url);
      }
      return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
    }
    Long announced = in.getHeader("Content-Length", Long.class);
    if (announced != null && announced > maxBytes) {
      abort(stream);
      throw tooLarge(url);
    }
    ScheduledFuture<?> watchdog = deadlines.schedule(() -> abort(stream), deadline - System.nanoTime(),
        TimeUnit.NANOSECONDS);
    try {
      ByteArrayOutputStream read = new ByteArrayOutputStream();
      byte[] buffer = new byte[16 * 1024];
      while (true) {
        int count;
        try {
          count = stream.read(buffer);
        } catch (IOException e) {
          if (System.nanoTime() - deadline >= 0) {
            throw tooSlow(url);
          }
          throw e;
        }
        if (count < 0) {
          return read.toString(StandardCharsets.UTF_8);
        }
        read.write(buffer, 0, count);
        if (read.size() > maxBytes) {
          abort(stream);
          throw tooLarge(url);
        }
        if (System.nanoTime() - deadline >= 0) {
          abort(stream);
          throw tooSlow(url);
        }
      }
    } finally {
      watchdog.cancel(false);
    }
  }

  /** Closes the connection without reading the rest, which closing the stream would do to reuse the connection. */
  private static void abort(InputStream stream) {
    try {
      if (stream instanceof EofSensorInputStream sensor) {
        sensor.abort();
      } else {
        stream.close();
      }
    } catch (IOException alreadyBroken) {
      // the connection is gone either way
    }
  }

  private DetectorCallException tooLarge(String url) {
    return new DetectorCallException("GET " + DetectorUris.shown(url) + ": the answer is larger than the " + maxBytes
        + "-byte limit (kubervisor.detector-max-response-bytes)");
  }

  private static DetectorCallException tooSlow(String url) {
    return new DetectorCallException("GET " + DetectorUris.shown(url)
        + ": the answer did not arrive whole within the timeout");
  }
}
