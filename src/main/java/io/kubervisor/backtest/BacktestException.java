package io.kubervisor.backtest;

/** A backtest cannot go on: the message says what went wrong and what to do, on one line. */
public class BacktestException extends RuntimeException {

  public BacktestException(String message) {
    super(message);
  }

  public BacktestException(String message, Throwable cause) {
    super(message, cause);
  }
}
