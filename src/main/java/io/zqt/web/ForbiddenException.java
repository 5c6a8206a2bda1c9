package io.zqt.web;

/** The caller is known but lacks the role for this action (403). */
public class ForbiddenException extends RuntimeException {
  public ForbiddenException(String message) {
    super(message);
  }
}
