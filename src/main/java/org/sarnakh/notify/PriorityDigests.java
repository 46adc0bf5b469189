package org.sarnakh.notify;

import static org.sarnakh.platform.db.Tables.PRIORITY_DIGEST;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jooq.DSLContext;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.identity.Role;
import org.sarnakh.identity.UserDirectory;
import org.sarnakh.identity.UserSummary;
import org.sarnakh.platform.ApiTime;
import org.sarnakh.platform.mail.OutgoingMail;
import org.sarnakh.scoring.Priorities;
import org.sarnakh.scoring.ScoringModel;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Each rep's day by mail (S1.6): once the digest time of the scoring settings has passed in the
 * rep's own time zone, their best open leads with the reasons, in their language. A row per user
 * and local day is taken first, in the transaction that enqueues the mail, so each rep gets one
 * digest a day however many nodes look; a rep without open leads gets none.
 */
@Component
class PriorityDigests {

  static final int LISTED = 10;
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PriorityDigests.class);

  private final ScoringModel model;
  private final Priorities priorities;
  private final UserDirectory users;
  private final Notifications notifications;
  private final NotificationTexts texts;
  private final DSLContext db;
  private final TransactionTemplate tx;
  private final Clock clock;

  PriorityDigests(ScoringModel model, Priorities priorities, UserDirectory users, Notifications notifications,
      NotificationTexts texts, DSLContext db, TransactionTemplate tx, Clock clock) {
    this.model = model;
    this.priorities = priorities;
    this.users = users;
    this.notifications = notifications;
    this.texts = texts;
    this.db = db;
    this.tx = tx;
    this.clock = clock;
  }

  @Scheduled(fixedDelayString = "${sarnakh.notify.digest-poll:60s}", initialDelayString = "${sarnakh.notify.digest-poll:60s}")
  void poll() {
    sendDue();
  }

  /** Sends the digests that are due now; answers how many were sent. */
  int sendDue() {
    ScoringModel.Digest digest = model.digest();
    if (!digest.enabled()) {
      return 0;
    }
    Instant now = clock.instant();
    int sent = 0;
    for (UserSummary user : users.list()) {
      if (!user.active() || !(user.role() == Role.SALES_REP || user.role() == Role.SALES_MANAGER)) {
        continue;
      }
      ZonedDateTime local = now.atZone(zone(user.timeZone()));
      if (local.toLocalTime().isBefore(digest.at())) {
        continue;
      }
      LocalDate day = local.toLocalDate();
      try {
        if (Boolean.TRUE.equals(tx.execute(s -> send(user, day, now)))) {
          sent++;
        }
      } catch (RuntimeException e) {
        // One user's trouble (a refused address, a race with another node) must not hold up the others.
        log.warn("the digest of {} for {} was not sent: {}", user.id(), day, e.toString());
      }
    }
    return sent;
  }

  private boolean send(UserSummary user, LocalDate day, Instant now) {
    CurrentUser reader = users.current(user.id()).orElse(null);
    if (reader == null || db.fetchExists(PRIORITY_DIGEST, PRIORITY_DIGEST.USER_ID.eq(user.id())
        .and(PRIORITY_DIGEST.DIGEST_DAY.eq(day)))) {
      return false;
    }
    List<Priorities.Priority> top = priorities.of(reader, LISTED);
    // The day's row is taken whether or not there is anything to send: the question is asked once a day.
    int taken = db.insertInto(PRIORITY_DIGEST).set(PRIORITY_DIGEST.USER_ID, user.id()).set(PRIORITY_DIGEST.DIGEST_DAY, day)
        .set(PRIORITY_DIGEST.SENT_AT, ApiTime.truncate(now)).set(PRIORITY_DIGEST.LEADS, top.size())
        .onConflictDoNothing().execute();
    if (taken == 0 || top.isEmpty()) {
      return false;
    }
    Notice notice = new Notice(user.id(), NotificationKind.DAILY_DIGEST,
        List.of(String.valueOf(top.size()), top.get(0).lead().displayName()), "/priorities", "digest:" + day);
    Notifications.Delivery delivery = notifications.notify(notice, (u, locale, key) -> mail(u, locale, key, top));
    return delivery.mail() || delivery.inApp();
  }

  private OutgoingMail mail(UserSummary user, Locale locale, String key, List<Priorities.Priority> top) {
    String subject = texts.text("notifications.digest.subject", locale, top.size());
    List<Map<String, Object>> rows = new ArrayList<>();
    StringBuilder text = new StringBuilder(subject).append("\n");
    for (int i = 0; i < top.size(); i++) {
      Priorities.Priority p = top.get(i);
      String reasons = String.join(", ", p.reasons().stream().map(r -> r.rule() + " ×" + r.count()).toList());
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("name", p.lead().displayName());
      row.put("grade", p.grade());
      row.put("score", p.score());
      row.put("recent", p.recentIntent());
      row.put("reasons", reasons);
      row.put("link", texts.url("/leads/" + p.lead().id().value()));
      rows.add(row);
      text.append('\n').append(i + 1).append(". ").append(p.lead().displayName()).append(" — ").append(p.score())
          .append(p.grade() == null ? "" : " (" + p.grade() + ")").append(reasons.isEmpty() ? "" : " — " + reasons)
          .append('\n').append("   ").append(row.get("link"));
    }
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("title", subject);
    model.put("rows", rows);
    return texts.mail(key, user.email(), locale, subject, text.toString(), texts.url("/priorities"), "mail/digest", model);
  }

  private static ZoneId zone(String id) {
    try {
      return ZoneId.of(id);
    } catch (DateTimeException e) {
      return ZoneId.of("Asia/Tehran");
    }
  }
}
