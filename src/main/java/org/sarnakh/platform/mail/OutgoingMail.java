package org.sarnakh.platform.mail;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A mail to enqueue. {@code idempotencyKey} names the cause (say {@code lead-qualified:<lead>:<n>}):
 * a second mail with the same key is not enqueued. {@code headers} are extra headers such as
 * {@code List-Unsubscribe}; the outbox sets From, To, Subject, Date and Message-ID itself.
 */
public record OutgoingMail(String idempotencyKey, MailPurpose purpose, String to, String subject, String text,
    @Nullable String html, Map<String, String> headers) {

  static final java.util.Set<String> RESERVED = java.util.Set.of("from", "to", "cc", "bcc", "subject", "date",
      "message-id", "content-type", "mime-version", "content-transfer-encoding");

  public OutgoingMail {
    if (idempotencyKey.isBlank() || idempotencyKey.length() > 200) {
      throw new IllegalArgumentException("an idempotency key is 1 to 200 characters");
    }
    to = to.strip();
    if (!to.matches("[^@\\s]+@[^@\\s]+") || to.length() > 254) {
      throw new IllegalArgumentException("not an email address: " + to);
    }
    subject = subject.replaceAll("[\\r\\n]+", " ").strip();
    if (subject.length() > 500) {
      subject = subject.substring(0, 500);
    }
    Map<String, String> checked = new LinkedHashMap<>();
    headers.forEach((name, value) -> {
      if (!name.matches("[A-Za-z0-9-]{1,76}") || RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("not a header the caller may set: " + name);
      }
      if (value.contains("\r") || value.contains("\n")) {
        throw new IllegalArgumentException("a header value is one line: " + name);
      }
      checked.put(name, value);
    });
    headers = java.util.Collections.unmodifiableMap(checked);
  }

  /** A mail without extra headers. */
  public static OutgoingMail of(String idempotencyKey, MailPurpose purpose, String to, String subject, String text,
      @Nullable String html) {
    return new OutgoingMail(idempotencyKey, purpose, to, subject, text, html, Map.of());
  }
}
