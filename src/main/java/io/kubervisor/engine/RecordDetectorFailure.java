package io.kubervisor.engine;

import io.kubervisor.api.v1alpha1.BreakerEvaluation;
import io.kubervisor.api.v1alpha1.BreakerEvaluation.Outcome;
import io.kubervisor.detectors.DetectorExchange;
import io.kubervisor.detectors.DetectorRequest;
import io.kubervisor.detectors.http.CredentialsUnavailableException;
import java.time.Clock;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A detector failed (unreachable, timed out, an error answer, a malformed answer): nothing is changed, and the error
 * reaches the BreakerConfig's DetectorsHealthy condition in the detector's own words.
 */
public class RecordDetectorFailure implements Processor {

  private static final Logger LOG = LoggerFactory.getLogger(RecordDetectorFailure.class);

  private final Supervisions supervisions;
  private final ReconcileQueue reconciles;
  private final Clock clock;

  RecordDetectorFailure(Supervisions supervisions, ReconcileQueue reconciles, Clock clock) {
    this.supervisions = supervisions;
    this.reconciles = reconciles;
    this.clock = clock;
  }

  @Override
  public void process(Exchange exchange) {
    Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
    DetectorRequest request = DetectorExchange.request(exchange);
    BreakerEvaluation evaluation = new BreakerEvaluation();
    evaluation.breaker = request.breaker();
    evaluation.time = Instant.now(clock).toString();
    evaluation.outcome = credentialsMissing(failure) ? Outcome.CredentialsUnavailable : Outcome.DetectorError;
    evaluation.error = failure == null ? "unknown failure" : String.valueOf(failure.getMessage());
    evaluation.evaluated = 0;
    evaluation.anomalous = 0;
    evaluation.ejected = 0;
    evaluation.spared = 0;
    LOG.warn("breaker {}/{}/{}: detector failed, nothing changed: {}", request.namespace(), request.breakerConfig(),
        request.breaker(), evaluation.error);
    String key = Supervisions.key(request.namespace(), request.breakerConfig());
    supervisions.of(key).recordEvaluation(evaluation);
    reconciles.request(key);
  }

  private static boolean credentialsMissing(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof CredentialsUnavailableException) {
        return true;
      }
    }
    return false;
  }
}
