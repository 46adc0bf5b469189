package org.sarnakh.notify;

import static org.sarnakh.platform.db.Tables.NOTIFICATION;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import org.jooq.DSLContext;
import org.sarnakh.identity.UserDirectory;
import org.sarnakh.identity.UserSummary;
import org.sarnakh.platform.ApiTime;
import org.sarnakh.platform.mail.MailOutbox;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tells a user something, the ways they chose for its kind: an in-app notification and/or a mail
 * through the outbox, in their language. Runs in the caller's transaction, so a notice is recorded
 * exactly when its cause commits; the same notice key tells the same user once.
 */
@Service
public class Notifications {

  /** What a notice became: an in-app notification, a mail, both or neither (known key, user inactive, all off). */
  public record Delivery(boolean inApp, boolean mail) {
    public static final Delivery NONE = new Delivery(false, false);
  }

  static final JsonMapper JSON = JsonMapper.builder().build();

  private final DSLContext db;
  private final Clock clock;
  private final UserDirectory users;
  private final NotificationPreferences preferences;
  private final NotificationTexts texts;
  private final MailOutbox outbox;

  Notifications(DSLContext db, Clock clock, UserDirectory users, NotificationPreferences preferences,
      NotificationTexts texts, MailOutbox outbox) {
    this.db = db;
    this.clock = clock;
    this.users = users;
    this.preferences = preferences;
    this.texts = texts;
    this.outbox = outbox;
  }

  /** The mail of a notice when its kind has a mail of its own (a digest's list), instead of title and body. */
  @FunctionalInterface
  interface MailOf {
    org.sarnakh.platform.mail.OutgoingMail mail(UserSummary user, Locale locale, String mailKey);
  }

  @Transactional
  public Delivery notify(Notice notice) {
    return notify(notice, null);
  }

  @Transactional
  Delivery notify(Notice notice, @org.jspecify.annotations.Nullable MailOf mailOf) {
    Optional<UserSummary> found = users.find(notice.recipient()).filter(UserSummary::active);
    if (found.isEmpty()) {
      return Delivery.NONE;
    }
    UserSummary user = found.get();
    NotificationPreferences.Preference choice = preferences.of(user.id(), notice.kind());
    boolean inApp = choice.inApp() && record(notice);
    boolean mail = false;
    if (choice.email()) {
      Locale locale = NotificationTexts.locale(user.locale());
      String mailKey = "notify:" + user.id() + ":" + notice.key();
      mail = outbox.enqueue(mailOf == null ? texts.mail(notice, user.email(), locale, mailKey)
          : mailOf.mail(user, locale, mailKey));
    }
    return new Delivery(inApp, mail);
  }

  private boolean record(Notice notice) {
    try {
      return db.insertInto(NOTIFICATION).set(NOTIFICATION.USER_ID, notice.recipient())
          .set(NOTIFICATION.KIND, notice.kind().name()).set(NOTIFICATION.PARAMS, JSON.writeValueAsString(notice.params()))
          .set(NOTIFICATION.LINK, notice.link()).set(NOTIFICATION.IDEMPOTENCY_KEY, notice.key())
          .set(NOTIFICATION.CREATED_AT, ApiTime.truncate(clock.instant()))
          .onConflict(NOTIFICATION.USER_ID, NOTIFICATION.IDEMPOTENCY_KEY).doNothing().execute() == 1;
    } catch (DuplicateKeyException e) {
      // H2 runs the upsert as a MERGE, which a concurrent insert of the same key can still beat.
      return false;
    }
  }
}
