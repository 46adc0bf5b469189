package org.sarnakh.platform.mail;

/** Why a mail is sent: consent and unsubscribe rules apply to marketing only. */
public enum MailPurpose {
  /** Asked for by the recipient (an invitation, a password reset). */
  TRANSACTIONAL,
  /** Tells a user of Sarnakh about their work (an MQL alert, an SLA reminder). */
  NOTIFICATION,
  /** Sent to leads by sequences and campaigns. */
  MARKETING
}
