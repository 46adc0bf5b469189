package org.sarnakh.platform.mail;

import static org.sarnakh.platform.db.Tables.MAIL_OUTBOX;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jspecify.annotations.Nullable;
import org.sarnakh.platform.ApiTime;
import org.sarnakh.platform.Secrets;
import org.sarnakh.platform.db.tables.records.MailOutboxRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends the outbox. A dispatcher claims due mail with one conditional update that stamps its own
 * claim token (on PostgreSQL over rows locked with {@code SKIP LOCKED}, so dispatchers on several
 * nodes take disjoint rows), refreshes the claim of each mail just before handing it to the SMTP
 * server, and marks it SENT right after the server accepted it; every later write checks the token,
 * so a dispatcher whose claim was taken over changes nothing. A mail left SENDING by a crash is
 * claimed again after {@code sending-timeout}: if the crash came between the server's acceptance
 * and the SENT mark, that mail goes out twice (with the same Message-ID) — at least once, never lost.
 */
@Component
class MailDispatcher {

  private static final Logger log = LoggerFactory.getLogger(MailDispatcher.class);

  private final DSLContext db;
  private final Clock clock;
  private final MailSettings settings;
  private final @Nullable JavaMailSender sender;
  private volatile boolean started;

  MailDispatcher(DSLContext db, Clock clock, MailSettings settings, ObjectProvider<JavaMailSender> sender) {
    this.db = db;
    this.clock = clock;
    this.settings = settings;
    this.sender = sender.getIfAvailable();
  }

  /**
   * Mail held while no SMTP server was configured leaves once one is: on the first poll of a server
   * (CLI verbs, which do not schedule, leave it alone).
   */
  void releaseHeld() {
    if (sender == null) {
      log.warn("no SMTP server configured (spring.mail.host): mail is held in the outbox, see /settings/outbox");
      return;
    }
    int n = db.update(MAIL_OUTBOX).set(MAIL_OUTBOX.STATE, MailState.PENDING.name())
        .set(MAIL_OUTBOX.NEXT_ATTEMPT_AT, ApiTime.truncate(clock.instant()))
        .where(MAIL_OUTBOX.STATE.eq(MailState.HELD.name())).execute();
    if (n > 0) {
      log.info("{} held mails are sent now that an SMTP server is configured", n);
    }
  }

  @Scheduled(fixedDelayString = "${sarnakh.mail.poll:1s}")
  void poll() {
    if (!started) {
      started = true;
      releaseHeld();
    }
    if (sender == null) {
      return;
    }
    while (dispatch() == settings.batch()) {
      // a full batch: there may be more due
    }
  }

  /** Claims one batch of due mail and sends it; answers how many mails it claimed. */
  int dispatch() {
    if (sender == null) {
      return 0;
    }
    List<MailOutboxRecord> claimed = claim();
    for (MailOutboxRecord mail : claimed) {
      send(mail);
    }
    return claimed.size();
  }

  List<MailOutboxRecord> claim() {
    Instant now = ApiTime.truncate(clock.instant());
    String token = Secrets.random(15);
    Condition due = MAIL_OUTBOX.STATE.eq(MailState.PENDING.name()).and(MAIL_OUTBOX.NEXT_ATTEMPT_AT.le(now))
        .or(MAIL_OUTBOX.STATE.eq(MailState.SENDING.name())
            .and(MAIL_OUTBOX.CLAIMED_AT.lt(now.minus(settings.sendingTimeout()))));
    var candidates = db.select(MAIL_OUTBOX.ID).from(MAIL_OUTBOX).where(due).orderBy(MAIL_OUTBOX.NEXT_ATTEMPT_AT)
        .limit(settings.batch());
    // The update checks `due` again: on H2 (no SKIP LOCKED) a row another dispatcher claimed meanwhile
    // no longer matches once its lock is released, so each row has one claimer.
    db.update(MAIL_OUTBOX).set(MAIL_OUTBOX.STATE, MailState.SENDING.name()).set(MAIL_OUTBOX.CLAIM, token)
        .set(MAIL_OUTBOX.CLAIMED_AT, now).set(MAIL_OUTBOX.ATTEMPTS, MAIL_OUTBOX.ATTEMPTS.plus(1))
        .where(MAIL_OUTBOX.ID.in(db.dialect().family() == SQLDialect.POSTGRES
            ? candidates.forUpdate().skipLocked() : candidates))
        .and(due).execute();
    return db.selectFrom(MAIL_OUTBOX).where(MAIL_OUTBOX.CLAIM.eq(token)).orderBy(MAIL_OUTBOX.NEXT_ATTEMPT_AT).fetch();
  }

  void send(MailOutboxRecord mail) {
    Instant now = ApiTime.truncate(clock.instant());
    // The claim may be as old as the batch: renew it, and leave the mail if another dispatcher has it.
    if (db.update(MAIL_OUTBOX).set(MAIL_OUTBOX.CLAIMED_AT, now).where(mine(mail)).execute() == 0) {
      return;
    }
    try {
      sender.send(message(mail));
    } catch (MessagingException | RuntimeException e) {
      failed(mail, e);
      return;
    }
    db.update(MAIL_OUTBOX).set(MAIL_OUTBOX.STATE, MailState.SENT.name())
        .set(MAIL_OUTBOX.SENT_AT, ApiTime.truncate(clock.instant())).set(MAIL_OUTBOX.LAST_ERROR, (String) null)
        .where(mine(mail)).execute();
  }

  private void failed(MailOutboxRecord mail, Exception e) {
    String error = MailFailures.describe(e);
    boolean permanent = MailFailures.permanent(e);
    boolean exhausted = mail.getAttempts() >= settings.maxAttempts();
    Instant now = ApiTime.truncate(clock.instant());
    if (permanent || exhausted) {
      log.warn("mail {} to {} failed for good after {} attempts: {}", mail.getId(), mail.getRecipient(),
          mail.getAttempts(), error);
      db.update(MAIL_OUTBOX).set(MAIL_OUTBOX.STATE, MailState.FAILED.name()).set(MAIL_OUTBOX.LAST_ERROR, error)
          .where(mine(mail)).execute();
      return;
    }
    Instant next = now.plus(settings.retryDelay(mail.getAttempts()));
    log.info("mail {} to {} not sent (attempt {}), retried at {}: {}", mail.getId(), mail.getRecipient(),
        mail.getAttempts(), next, error);
    db.update(MAIL_OUTBOX).set(MAIL_OUTBOX.STATE, MailState.PENDING.name()).set(MAIL_OUTBOX.LAST_ERROR, error)
        .set(MAIL_OUTBOX.NEXT_ATTEMPT_AT, next).where(mine(mail)).execute();
  }

  private Condition mine(MailOutboxRecord mail) {
    return MAIL_OUTBOX.ID.eq(mail.getId()).and(MAIL_OUTBOX.STATE.eq(MailState.SENDING.name()))
        .and(MAIL_OUTBOX.CLAIM.eq(mail.getClaim()));
  }

  private MimeMessage message(MailOutboxRecord mail) throws MessagingException {
    Session session = sender instanceof JavaMailSenderImpl impl ? impl.getSession() : Session.getInstance(new Properties());
    String messageId = mail.getMessageId();
    MimeMessage message = new MimeMessage(session) {
      @Override
      protected void updateMessageID() throws MessagingException {
        // The id fixed at enqueue, so a mail sent again after a crash is recognisably the same mail.
        setHeader("Message-ID", messageId);
      }
    };
    MimeMessageHelper m = new MimeMessageHelper(message, mail.getBodyHtml() != null, "UTF-8");
    m.setFrom(settings.from());
    m.setTo(mail.getRecipient());
    m.setSubject(mail.getSubject());
    m.setSentDate(Date.from(clock.instant()));
    if (mail.getBodyHtml() != null) {
      m.setText(mail.getBodyText(), mail.getBodyHtml());
    } else {
      m.setText(mail.getBodyText());
    }
    for (var h : MailOutbox.headers(mail.getHeaders()).entrySet()) {
      message.setHeader(h.getKey(), h.getValue());
    }
    return message;
  }
}
