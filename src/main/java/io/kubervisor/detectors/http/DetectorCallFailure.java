package io.kubervisor.detectors.http;

import java.net.SocketTimeoutException;
import javax.net.ssl.SSLException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.util.ObjectHelper;

/**
 * A detector call that camel-http could not complete (refused, timed out, TLS not trusted) becomes a detector error
 * that says so in words a user acts on, naming the URL without its query and never a credential.
 */
public class DetectorCallFailure implements Processor {

  @Override
  public void process(Exchange exchange) {
    Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
    exchange.getIn().removeHeader(DetectorCall.AUTHORIZATION);
    String call = "GET " + DetectorUris.shown(exchange.getIn().getHeader(Exchange.HTTP_URI, String.class));
    if (ObjectHelper.getException(SSLException.class, failure) != null) {
      throw new DetectorCallException(call + ": TLS failed, is the server's certificate signed by the CA of tls.ca? ("
          + rootMessage(failure) + ")", failure);
    }
    if (ObjectHelper.getException(SocketTimeoutException.class, failure) != null) {
      throw new DetectorCallException(call + ": no answer in time (" + rootMessage(failure) + ")", failure);
    }
    throw new DetectorCallException(call + " failed: " + rootMessage(failure), failure);
  }

  private static String rootMessage(Throwable failure) {
    String message = failure == null ? null : failure.getMessage();
    for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause.getMessage() != null) {
        message = cause.getMessage();
      }
    }
    return message == null ? String.valueOf(failure) : message;
  }
}
