package io.kubervisor.detectors.http;

import io.kubervisor.detectors.DetectorExchange;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Reads what camel-http brought back, as UTF-8 text up to a size limit, and checks the status. Past the limit (or when
 * Content-Length announces more) reading stops and the call fails: a detector answer is used whole or not at all.
 * A non-2xx status fails too, except a Prometheus error with a JSON body, whose message the next step reports.
 */
public class DetectorAnswer implements Processor {

  private final int maxBytes;

  /** @param maxBytes the largest answer read (kubervisor.detector-max-response-bytes) */
  public DetectorAnswer(long maxBytes) {
    this.maxBytes = (int) Math.min(maxBytes, Integer.MAX_VALUE - 1);
  }

  @Override
  public void process(Exchange exchange) throws IOException {
    Message in = exchange.getIn();
    in.removeHeader(DetectorCall.AUTHORIZATION);
    String url = in.getHeader(Exchange.HTTP_URI, String.class);
    String body = read(in, url);
    int status = in.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
    boolean prometheus = DetectorExchange.breaker(exchange).external == null;
    boolean passes = status / 100 == 2 || prometheus && body.strip().startsWith("{");
    if (!passes) {
      throw new DetectorCallException("GET " + DetectorUris.shown(url) + " answered HTTP " + status
          + (status == 401 || status == 403 ? ": check the credentials (authorization or basicAuth)" : ""));
    }
    in.setBody(body);
  }

  private String read(Message in, String url) throws IOException {
    Long announced = in.getHeader("Content-Length", Long.class);
    Object body = in.getBody();
    if (body instanceof InputStream stream) {
      try (stream) {
        if (announced != null && announced > maxBytes) {
          throw tooLarge(url);
        }
        byte[] bytes = stream.readNBytes(maxBytes + 1);
        if (bytes.length > maxBytes) {
          throw tooLarge(url);
        }
        return new String(bytes, StandardCharsets.UTF_8);
      }
    }
    byte[] bytes = in.getBody(byte[].class);
    if (bytes != null && bytes.length > maxBytes) {
      throw tooLarge(url);
    }
    return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
  }

  private DetectorCallException tooLarge(String url) {
    return new DetectorCallException("GET " + DetectorUris.shown(url) + ": the answer is larger than the " + maxBytes
        + "-byte limit (kubervisor.detector-max-response-bytes)");
  }
}
