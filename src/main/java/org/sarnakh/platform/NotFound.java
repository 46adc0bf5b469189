package org.sarnakh.platform;

/** Unknown, deleted, or not visible to the caller; all three answer the same, so nothing leaks. */
public class NotFound extends RuntimeException {

  public NotFound(String what) {
    super(what + " not found");
  }
}
