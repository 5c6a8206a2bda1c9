package io.zqt.web;

/** A resource that does not exist, or that the caller may not know exists (answered 404 alike). */
public class NotFoundException extends RuntimeException {
  public NotFoundException(String message) {
    super(message);
  }
}
