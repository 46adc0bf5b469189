package org.sarnakh.platform.web;

/** A request body larger than its endpoint accepts: 413. */
public class PayloadTooLarge extends RuntimeException {

  public PayloadTooLarge(String message) {
    super(message);
  }
}
