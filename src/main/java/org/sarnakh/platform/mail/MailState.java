package org.sarnakh.platform.mail;

/** Where a mail of the outbox stands. */
public enum MailState {
  /** Waiting for its next attempt. */
  PENDING,
  /** Claimed by a dispatcher that is talking to the SMTP server now (or crashed doing so). */
  SENDING,
  SENT,
  /** Refused for good (a 5xx answer, a malformed address) or out of attempts. */
  FAILED,
  /** Kept because no SMTP server is configured; sent once one is. */
  HELD
}
