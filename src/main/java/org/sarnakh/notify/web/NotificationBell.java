package org.sarnakh.notify.web;

import org.sarnakh.identity.CurrentUser;
import org.sarnakh.identity.Role;
import org.sarnakh.notify.NotificationInbox;
import org.sarnakh.platform.mail.MailOutbox;
import org.springframework.stereotype.Component;

/**
 * What the bell in the page header shows (read by the layout as {@code @notificationBell}): the
 * reader's unread notifications and, for administrators, the mail held for want of an SMTP server.
 */
@Component("notificationBell")
public class NotificationBell {

  public record Bell(int unread, int heldMail) {}

  private final NotificationInbox inbox;
  private final MailOutbox outbox;

  NotificationBell(NotificationInbox inbox, MailOutbox outbox) {
    this.inbox = inbox;
    this.outbox = outbox;
  }

  public Bell of(CurrentUser me) {
    return new Bell(inbox.unread(me), me.role() == Role.ADMIN ? outbox.held() : 0);
  }
}
