package org.sarnakh.testing;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Values no other test uses: the duplicate guard refuses a second lead with the same email or
 * phone, and integration tests share one database per run.
 */
public final class TestData {

  private static final AtomicLong NEXT = new AtomicLong(ThreadLocalRandom.current().nextLong(1_000_000, 4_000_000));

  private TestData() {}

  /** A valid Iranian mobile number, as typed locally ({@code 0912…}), new on every call. */
  public static String mobile() {
    return "0912" + NEXT.incrementAndGet();
  }

  /** The E.164 form of a {@link #mobile()}. */
  public static String e164(String localMobile) {
    return "+98" + localMobile.substring(1);
  }

  /** The same text with its ASCII digits written as Persian digits (۰–۹), as a Persian keyboard types them. */
  public static String persianDigits(String ascii) {
    StringBuilder b = new StringBuilder();
    ascii.chars().forEach(c -> b.append(c >= '0' && c <= '9' ? (char) ('۰' + (c - '0')) : (char) c));
    return b.toString();
  }

  public static String email() {
    return "lead-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
  }
}
