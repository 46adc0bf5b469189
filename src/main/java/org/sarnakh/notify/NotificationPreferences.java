package org.sarnakh.notify;

import static org.sarnakh.platform.db.Tables.NOTIFICATION_PREFERENCE;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Each user's choice, per kind, of in-app and email notifications; kinds not chosen take their defaults. */
@Service
public class NotificationPreferences {

  public record Preference(NotificationKind kind, boolean inApp, boolean email) {}

  private final DSLContext db;

  NotificationPreferences(DSLContext db) {
    this.db = db;
  }

  /** Every kind, in declaration order. */
  public List<Preference> of(UUID user) {
    Map<NotificationKind, Preference> chosen = new EnumMap<>(NotificationKind.class);
    db.selectFrom(NOTIFICATION_PREFERENCE).where(NOTIFICATION_PREFERENCE.USER_ID.eq(user)).forEach(r -> {
      NotificationKind kind = NotificationKind.named(r.getKind());
      if (kind != null) {
        chosen.put(kind, new Preference(kind, r.getInApp(), r.getEmail()));
      }
    });
    List<Preference> all = new ArrayList<>();
    for (NotificationKind k : NotificationKind.values()) {
      all.add(chosen.getOrDefault(k, new Preference(k, k.inAppByDefault(), k.emailByDefault())));
    }
    return all;
  }

  public Preference of(UUID user, NotificationKind kind) {
    return of(user).stream().filter(p -> p.kind() == kind).findFirst().orElseThrow();
  }

  /** Saves these choices (other kinds keep theirs) and answers all of the user's preferences. */
  @Transactional
  public List<Preference> save(UUID user, List<Preference> choices) {
    for (Preference p : choices) {
      db.insertInto(NOTIFICATION_PREFERENCE).set(NOTIFICATION_PREFERENCE.USER_ID, user)
          .set(NOTIFICATION_PREFERENCE.KIND, p.kind().name()).set(NOTIFICATION_PREFERENCE.IN_APP, p.inApp())
          .set(NOTIFICATION_PREFERENCE.EMAIL, p.email())
          .onConflict(NOTIFICATION_PREFERENCE.USER_ID, NOTIFICATION_PREFERENCE.KIND).doUpdate()
          .set(NOTIFICATION_PREFERENCE.IN_APP, p.inApp()).set(NOTIFICATION_PREFERENCE.EMAIL, p.email()).execute();
    }
    return of(user);
  }
}
