package org.sarnakh.notify;

/**
 * What a notification is about. Each kind has texts {@code notifications.kind.<NAME>.title} and
 * {@code .body} (message parameters in the order the sender gives them) and defaults for users who
 * have not chosen. New kinds (SLA reminders, recycled leads) are added here.
 */
public enum NotificationKind {
  /** A lead's score crossed the MQL threshold: {0} lead name, {1} score, {2} threshold. */
  LEAD_QUALIFIED(true, true),
  /** The rep's day, each morning: {0} number of open leads listed, {1} the first one's name. */
  DAILY_DIGEST(false, true),
  /** Routing gave the rep a lead: {0} lead name, {1} minutes to the first touch ("—": no deadline). */
  LEAD_ASSIGNED(true, true),
  /** A routed lead's first-touch deadline is near: {0} lead name, {1} minutes left. */
  SLA_REMINDER(true, true),
  /** A rep missed a lead's first touch (to the team's managers): {0} lead name, {1} the rep. */
  SLA_ESCALATED(true, true),
  /** A lead was taken from the rep after a missed first touch: {0} lead name. */
  LEAD_REASSIGNED(true, false),
  /** A lost lead of mine re-engaged and is RECYCLED: {0} lead name, {1} what it did. */
  LEAD_RECYCLED(true, true);

  private final boolean inAppByDefault;
  private final boolean emailByDefault;

  NotificationKind(boolean inAppByDefault, boolean emailByDefault) {
    this.inAppByDefault = inAppByDefault;
    this.emailByDefault = emailByDefault;
  }

  public boolean inAppByDefault() {
    return inAppByDefault;
  }

  public boolean emailByDefault() {
    return emailByDefault;
  }

  /** The kind of this name, or null for a name not (or no longer) known. */
  public static @org.jspecify.annotations.Nullable NotificationKind named(String name) {
    for (NotificationKind k : values()) {
      if (k.name().equals(name)) {
        return k;
      }
    }
    return null;
  }
}
