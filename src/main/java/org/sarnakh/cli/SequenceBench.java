package org.sarnakh.cli;

import static org.sarnakh.platform.db.Tables.LEAD;
import static org.sarnakh.platform.db.Tables.MAIL_OUTBOX;
import static org.sarnakh.platform.db.Tables.NURTURE_ENROLLMENT;
import static org.sarnakh.platform.db.Tables.NURTURE_SEQUENCE;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.identity.Role;
import org.sarnakh.identity.UserDirectory;
import org.sarnakh.nurture.EmailTemplate;
import org.sarnakh.nurture.EmailTemplates;
import org.sarnakh.nurture.Sequence;
import org.sarnakh.nurture.Sequences;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The sequence engine at scale: N enrolments due at once, dispatched to the outbox by a separate
 * server process; with {@code --kill-at}, that process is killed (SIGKILL) once that share of the
 * steps went out and a second one finishes the work. Then every enrolment must be completed with
 * exactly one mail: no step lost, none sent twice.
 */
@Command(name = "sequence", description = "Due sequence steps dispatched per second; survives kill -9 with no loss or duplicate.")
class SequenceBench implements Callable<Integer> {

  @Option(names = "--due", defaultValue = "100000", description = "Due steps (default ${DEFAULT-VALUE}).")
  int due;

  @Option(names = "--kill-at", defaultValue = "0.3", description = "Share of steps sent when the dispatcher is killed (0: never; default ${DEFAULT-VALUE}).")
  double killAt;

  @Override
  public Integer call() throws Exception {
    try (ConfigurableApplicationContext ctx = SarnakhCommand.offline()) {
      DSLContext db = ctx.getBean(DSLContext.class);
      if (db.dialect().family() != org.jooq.SQLDialect.POSTGRES) {
        System.err.println("bench sequence runs the dispatcher in a second process: it needs PostgreSQL (SPRING_DATASOURCE_URL)");
        return 2;
      }
      BenchCommand.ensureLeads(ctx, due);
      CurrentUser user = ctx.getBean(UserDirectory.class)
          .current(BenchCommand.benchUser(ctx, "bench-marketing@localhost", Role.MARKETING)).orElseThrow();
      String run = UUID.randomUUID().toString().substring(0, 6);
      EmailTemplate template = ctx.getBean(EmailTemplates.class).create(Map.of("name", "bench " + run, "variants",
          Map.of("en", Map.of("subject", "Hello {{lead.firstName | there}}", "text", "News for {{lead.accountName | you}}"))), user);
      Sequence seq = ctx.getBean(Sequences.class).create(Map.of("name", "bench " + run, "state", "PAUSED", "exitOn",
          List.of(), "steps", List.of(Map.of("delay", "PT0S", "templateId", template.id().toString()))), user);
      // The bench's leads may be mailed: consent granted, every address distinct.
      List<UUID> leads = db.select(LEAD.ID).from(LEAD).where(LEAD.DELETED_AT.isNull()).and(LEAD.EMAIL.isNotNull())
          .orderBy(LEAD.ID).limit(due).fetch(LEAD.ID);
      for (int i = 0; i < leads.size(); i += 5000) {
        List<UUID> chunk = leads.subList(i, Math.min(leads.size(), i + 5000));
        db.update(LEAD).set(LEAD.CONSENT_STATUS, "GRANTED").where(LEAD.ID.in(chunk)).execute();
        Instant now = Instant.now();
        db.insertInto(NURTURE_ENROLLMENT, NURTURE_ENROLLMENT.ID, NURTURE_ENROLLMENT.SEQUENCE_ID, NURTURE_ENROLLMENT.LEAD_ID,
                NURTURE_ENROLLMENT.STATE, NURTURE_ENROLLMENT.NEXT_STEP, NURTURE_ENROLLMENT.DUE_AT,
                NURTURE_ENROLLMENT.ENROLLED_AT, NURTURE_ENROLLMENT.ENROLLED_VIA)
            .select(DSL.select(DSL.uuid(), DSL.val(seq.id()), LEAD.ID, DSL.val("ACTIVE"), DSL.val(1), DSL.val(now),
                DSL.val(now), DSL.val("MANUAL")).from(LEAD).where(LEAD.ID.in(chunk)))
            .execute();
      }
      int n = leads.size();
      System.out.printf("%d enrolments due in sequence %s (one step each)%n", n, seq.id());
      db.execute("analyze");
      db.update(NURTURE_SEQUENCE).set(NURTURE_SEQUENCE.STATE, "ACTIVE").where(NURTURE_SEQUENCE.ID.eq(seq.id())).execute();

      long t0 = System.nanoTime();
      Process dispatcher = dispatcher();
      boolean killed = false;
      long sentAtKill = 0;
      long firstSent = 0;
      long killedAt = 0;
      while (true) {
        long sent = sent(db, seq.id());
        if (firstSent == 0 && sent > 0) {
          firstSent = System.nanoTime();
        }
        if (!killed && killAt > 0 && sent >= killAt * n) {
          dispatcher.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
          killedAt = System.nanoTime();
          killed = true;
          sentAtKill = sent(db, seq.id());
          System.out.printf("killed the dispatcher (SIGKILL) after %d of %d steps; starting another%n", sentAtKill, n);
          System.out.printf("first dispatcher: %.0f steps/s once sending%n", sentAtKill / ((killedAt - firstSent) / 1e9));
          dispatcher = dispatcher();
        }
        if (sent >= n || !dispatcher.isAlive()) {
          break;
        }
        Thread.sleep(200);
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      dispatcher.destroy();
      dispatcher.waitFor(30, TimeUnit.SECONDS);
      long completed = db.fetchCount(NURTURE_ENROLLMENT, NURTURE_ENROLLMENT.SEQUENCE_ID.eq(seq.id())
          .and(NURTURE_ENROLLMENT.STATE.eq("COMPLETED")).and(NURTURE_ENROLLMENT.STEPS_SENT.eq(1)));
      long mails = db.fetchCount(MAIL_OUTBOX, MAIL_OUTBOX.IDEMPOTENCY_KEY.like("sequence:%")
          .and(MAIL_OUTBOX.IDEMPOTENCY_KEY.in(DSL.select(DSL.concat(DSL.inline("sequence:"),
              NURTURE_ENROLLMENT.ID.cast(String.class), DSL.inline(":1"))).from(NURTURE_ENROLLMENT)
              .where(NURTURE_ENROLLMENT.SEQUENCE_ID.eq(seq.id())))));
      long recipients = db.fetchCount(DSL.selectDistinct(MAIL_OUTBOX.RECIPIENT).from(MAIL_OUTBOX)
          .where(MAIL_OUTBOX.IDEMPOTENCY_KEY.in(DSL.select(DSL.concat(DSL.inline("sequence:"),
              NURTURE_ENROLLMENT.ID.cast(String.class), DSL.inline(":1"))).from(NURTURE_ENROLLMENT)
              .where(NURTURE_ENROLLMENT.SEQUENCE_ID.eq(seq.id())))));
      System.out.printf("%d steps in %.1f s (including the dispatcher's start%s): %.0f steps/s%n", n, seconds,
          killed ? " twice" : "", n / seconds);
      if (!killed) {
        System.out.printf("once sending: %.0f steps/s%n", n / ((System.nanoTime() - firstSent) / 1e9));
      }
      System.out.printf("completed enrolments %d of %d; their mails in the outbox %d (%d distinct recipients) → %s%n",
          completed, n, mails, recipients, completed == n && mails == n ? "no step lost, none sent twice" : "MISMATCH");
      return completed == n && mails == n ? 0 : 1;
    }
  }

  private static long sent(DSLContext db, UUID sequence) {
    return db.fetchCount(NURTURE_ENROLLMENT, NURTURE_ENROLLMENT.SEQUENCE_ID.eq(sequence)
        .and(NURTURE_ENROLLMENT.STATE.eq("COMPLETED")));
  }

  /** A server process of its own that runs the engine, on the same database (the environment carries it). */
  private static Process dispatcher() throws Exception {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // Run as java -jar sarnakh.jar, the class path is the jar itself.
    String jar = System.getProperty("java.class.path").split(java.io.File.pathSeparator)[0];
    List<String> cmd = new ArrayList<>(List.of(javaBin, "-Xmx512m", "-jar", jar, "serve", "--port", "0"));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
  }
}
