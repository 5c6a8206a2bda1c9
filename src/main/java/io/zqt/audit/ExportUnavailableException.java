package io.zqt.audit;

/** An export cannot be produced on this installation (e.g. no CJK font for PDFs); answered with 503. */
public class ExportUnavailableException extends RuntimeException {
  public ExportUnavailableException(String message) {
    super(message);
  }
}
