package org.sarnakh.notify;

import static org.sarnakh.platform.db.Tables.NOTIFICATION;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.platform.ApiTime;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.NotFound;
import org.sarnakh.platform.db.tables.records.NotificationRecord;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;

/** A user's own notifications: newest first, the unread count, marking read. Nobody sees another's. */
@Service
public class NotificationInbox {

  public record Page(List<NotificationView> items, @Nullable String nextCursor) {}

  private final DSLContext db;
  private final Clock clock;
  private final NotificationTexts texts;

  NotificationInbox(DSLContext db, Clock clock, NotificationTexts texts) {
    this.db = db;
    this.clock = clock;
    this.texts = texts;
  }

  public Page page(CurrentUser user, boolean unreadOnly, @Nullable String cursor, int limit) {
    if (limit < 1 || limit > 500) {
      throw InvalidInput.of("limit", "between 1 and 500");
    }
    Condition where = NOTIFICATION.USER_ID.eq(user.id());
    if (unreadOnly) {
      where = where.and(NOTIFICATION.READ_AT.isNull());
    }
    if (cursor != null) {
      where = where.and(NOTIFICATION.ID.lt(decode(cursor)));
    }
    Locale locale = NotificationTexts.locale(user.locale());
    List<NotificationView> rows = db.selectFrom(NOTIFICATION).where(where).orderBy(NOTIFICATION.ID.desc())
        .limit(limit + 1).fetch(r -> view(r, locale));
    if (rows.size() <= limit) {
      return new Page(rows, null);
    }
    return new Page(List.copyOf(rows.subList(0, limit)), encode(rows.get(limit - 1).id()));
  }

  public int unread(CurrentUser user) {
    return db.fetchCount(NOTIFICATION, NOTIFICATION.USER_ID.eq(user.id()).and(NOTIFICATION.READ_AT.isNull()));
  }

  /** Marks one of the user's notifications read (again is fine); another user's answers 404. */
  public NotificationView read(CurrentUser user, long id) {
    Condition mine = NOTIFICATION.ID.eq(id).and(NOTIFICATION.USER_ID.eq(user.id()));
    db.update(NOTIFICATION).set(NOTIFICATION.READ_AT, ApiTime.truncate(clock.instant()))
        .where(mine.and(NOTIFICATION.READ_AT.isNull())).execute();
    return db.selectFrom(NOTIFICATION).where(mine).fetchOptional()
        .map(r -> view(r, NotificationTexts.locale(user.locale()))).orElseThrow(() -> new NotFound("notification"));
  }

  /** Marks every unread notification of the user read; answers how many. */
  public int readAll(CurrentUser user) {
    return db.update(NOTIFICATION).set(NOTIFICATION.READ_AT, ApiTime.truncate(clock.instant()))
        .where(NOTIFICATION.USER_ID.eq(user.id()).and(NOTIFICATION.READ_AT.isNull())).execute();
  }

  private NotificationView view(NotificationRecord r, Locale locale) {
    NotificationKind kind = NotificationKind.valueOf(r.getKind());
    List<String> params = Notifications.JSON.readValue(r.getParams(), new TypeReference<List<String>>() {});
    return new NotificationView(r.getId(), kind, texts.title(kind, params, locale), texts.body(kind, params, locale),
        params, r.getLink(), r.getCreatedAt(), r.getReadAt());
  }

  private static String encode(long id) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(("n" + id).getBytes(StandardCharsets.UTF_8));
  }

  private static long decode(String cursor) {
    try {
      String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (s.startsWith("n")) {
        return Long.parseLong(s.substring(1));
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw InvalidInput.of("cursor", "not a cursor of this list");
  }
}
