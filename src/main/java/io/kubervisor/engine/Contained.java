package io.kubervisor.engine;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * A processor whose Errors (an OutOfMemoryError, a StackOverflowError) reach Camel as exceptions. Camel's steps catch
 * only exceptions: an Error would kill the timer thread of the dispatcher, end a worker of the pass route with its
 * BreakerConfig still claimed, or vanish inside a parallel split. As an exception it is contained by the pass like any
 * other failure, and shown in the status.
 */
public final class Contained implements Processor {

  private final Processor processor;

  private Contained(Processor processor) {
    this.processor = processor;
  }

  public static Processor errors(Processor processor) {
    return new Contained(processor);
  }

  @Override
  public void process(Exchange exchange) throws Exception {
    try {
      processor.process(exchange);
    } catch (Error error) {
      throw new ContainedError(error);
    }
  }

  /** An Error thrown by a step, carried as an exception; its message is the Error's. */
  public static final class ContainedError extends Exception {
    ContainedError(Error error) {
      super(error.toString(), error);
    }
  }

  @Override
  public String toString() {
    return processor.toString();
  }
}
