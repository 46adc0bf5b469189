package org.sarnakh.platform.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.sarnakh.platform.db.Tables.MAIL_OUTBOX;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sarnakh.identity.Role;
import org.sarnakh.testing.Api;
import org.sarnakh.testing.IntegrationTest;
import org.sarnakh.testing.MutableClock;
import org.sarnakh.testing.ScoringFixture;
import org.sarnakh.testing.TestUsers;
import org.sarnakh.testing.TestUsers.User;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The outbox against a real SMTP server (GreenMail): each mail delivered once however often it is
 * enqueued and however many dispatchers run, a server that is down retried when the clock says so,
 * and an MQL alert reaching the lead's owner in their language, once per crossing.
 */
@IntegrationTest
class MailOutboxIT {

  static final int SMTP_PORT = freePort();
  static final ServerSetup SETUP = new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
  static GreenMail smtp;

  @DynamicPropertySource
  static void mailServer(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> SMTP_PORT);
    registry.add("sarnakh.mail.poll", () -> "200ms");
    registry.add("sarnakh.mail.batch", () -> "5");
  }

  @BeforeAll
  static void startSmtp() {
    smtp = new GreenMail(SETUP);
    smtp.start();
  }

  @AfterAll
  static void stopSmtp() {
    smtp.stop();
  }

  @LocalServerPort
  int port;

  @Autowired
  MailOutbox outbox;

  @Autowired
  MailDispatcher dispatcher;

  @Autowired
  DSLContext db;

  @Autowired
  TransactionTemplate tx;

  @Autowired
  MutableClock clock;

  @Autowired
  TestUsers users;

  ScoringFixture scoring;

  @AfterEach
  void cleanUp() {
    clock.reset();
    if (!smtp.isRunning()) {
      smtp = new GreenMail(SETUP);
      smtp.start();
    }
    if (scoring != null) {
      scoring.reset();
    }
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<MimeMessage> received(String to) {
    return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
      try {
        var rcpt = m.getRecipients(Message.RecipientType.TO);
        return rcpt != null && rcpt.length == 1 && rcpt[0].toString().equals(to);
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  /** The first body part of this type, decoded, from anywhere in the message's tree of parts. */
  static String part(jakarta.mail.Part p, String type) throws Exception {
    if (p.isMimeType(type)) {
      return (String) p.getContent();
    }
    if (p.getContent() instanceof jakarta.mail.Multipart multi) {
      for (int i = 0; i < multi.getCount(); i++) {
        try {
          return part(multi.getBodyPart(i), type);
        } catch (NoSuchElementException e) {
          // not in this branch
        }
      }
    }
    throw new NoSuchElementException("no " + type + " part");
  }

  MailView mail(String key) {
    return outbox.byKey(key).orElseThrow(() -> new AssertionError("no mail " + key));
  }

  @Test
  void aMailEnqueuedTwiceWithOneKeyIsSentOnce() throws Exception {
    String to = "once-" + UUID.randomUUID() + "@example.org";
    String key = "test-once:" + UUID.randomUUID();

    boolean first = outbox.enqueue(new OutgoingMail(key, MailPurpose.TRANSACTIONAL, to, "Welcome · خوش آمدید",
        "Hello in text", "<p dir=\"rtl\">سلام</p>", Map.of("List-Unsubscribe", "<https://sarnakh.example/u/1>")));
    boolean second = outbox.enqueue(OutgoingMail.of(key, MailPurpose.TRANSACTIONAL, to, "Again", "again", null));

    assertThat(first).isTrue();
    assertThat(second).isFalse();
    await().atMost(Duration.ofSeconds(10)).until(() -> mail(key).state() == MailState.SENT);
    dispatcher.dispatch();
    dispatcher.dispatch();
    List<MimeMessage> got = received(to);
    assertThat(got).hasSize(1);
    MimeMessage m = got.get(0);
    assertThat(m.getSubject()).isEqualTo("Welcome · خوش آمدید");
    assertThat(m.getHeader("List-Unsubscribe")[0]).isEqualTo("<https://sarnakh.example/u/1>");
    assertThat(part(m, "text/plain")).isEqualTo("Hello in text");
    assertThat(part(m, "text/html")).isEqualTo("<p dir=\"rtl\">سلام</p>");
    assertThat(mail(key).attempts()).isEqualTo(1);
    assertThat(db.fetchCount(MAIL_OUTBOX, MAIL_OUTBOX.IDEMPOTENCY_KEY.eq(key))).isEqualTo(1);
  }

  @Test
  void dispatchersRunningTogetherSendEachMailOnce() throws Exception {
    String domain = "race-" + UUID.randomUUID().toString().substring(0, 8) + ".example.org";
    int mails = 40;
    List<String> keys = new ArrayList<>();
    tx.executeWithoutResult(s -> {
      for (int i = 0; i < mails; i++) {
        String key = "test-race:" + domain + ":" + i;
        keys.add(key);
        outbox.enqueue(OutgoingMail.of(key, MailPurpose.NOTIFICATION, "r" + i + "@" + domain, "Race " + i, "body " + i, null));
      }
    });

    ExecutorService pool = Executors.newFixedThreadPool(4);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> runs = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      runs.add(pool.submit(() -> {
        go.await();
        while (db.fetchExists(MAIL_OUTBOX, MAIL_OUTBOX.IDEMPOTENCY_KEY.in(keys)
            .and(MAIL_OUTBOX.STATE.in(MailState.PENDING.name(), MailState.SENDING.name())))) {
          dispatcher.dispatch();
        }
        return null;
      }));
    }
    go.countDown();
    for (Future<?> f : runs) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();

    await().atMost(Duration.ofSeconds(10)).until(() -> db.fetchCount(MAIL_OUTBOX, MAIL_OUTBOX.IDEMPOTENCY_KEY.in(keys)
        .and(MAIL_OUTBOX.STATE.eq(MailState.SENT.name()))) == mails);
    assertThat(smtp.getReceivedMessagesForDomain(domain)).hasSize(mails);
    for (int i = 0; i < mails; i++) {
      assertThat(received("r" + i + "@" + domain)).as("mail %d", i).hasSize(1);
    }
    assertThat(db.select(MAIL_OUTBOX.ATTEMPTS).from(MAIL_OUTBOX).where(MAIL_OUTBOX.IDEMPOTENCY_KEY.in(keys))
        .fetch(MAIL_OUTBOX.ATTEMPTS)).containsOnly(1);
  }

  @Test
  void aServerThatIsDownIsTriedAgainWhenTheBackoffHasPassed() throws Exception {
    smtp.stop();
    Instant start = Instant.parse("2030-01-01T08:00:00Z");
    clock.set(start);
    String to = "retry-" + UUID.randomUUID() + "@example.org";
    String key = "test-retry:" + UUID.randomUUID();

    outbox.enqueue(OutgoingMail.of(key, MailPurpose.NOTIFICATION, to, "Retried", "body", null));
    await().atMost(Duration.ofSeconds(20)).until(() -> mail(key).attempts() == 1 && mail(key).state() == MailState.PENDING);
    MailView failed = mail(key);
    assertThat(failed.lastError()).isNotBlank();
    assertThat(failed.nextAttemptAt()).isEqualTo(start.plusSeconds(30));

    smtp = new GreenMail(SETUP);
    smtp.start();
    clock.set(start.plusSeconds(29));
    dispatcher.dispatch();
    assertThat(mail(key).state()).as("not due yet").isEqualTo(MailState.PENDING);
    assertThat(received(to)).isEmpty();

    clock.set(start.plusSeconds(31));
    await().atMost(Duration.ofSeconds(10)).until(() -> mail(key).state() == MailState.SENT);
    assertThat(received(to)).hasSize(1);
    assertThat(mail(key).attempts()).isEqualTo(2);
    assertThat(mail(key).lastError()).isNull();
  }

  @Test
  void aRecipientRefusedWithA5xxFailsForGoodWithoutRetrying() throws Exception {
    smtp.stop();
    String key = "test-refused:" + UUID.randomUUID();
    try (RefusingSmtp refusing = new RefusingSmtp(SMTP_PORT)) {
      outbox.enqueue(OutgoingMail.of(key, MailPurpose.NOTIFICATION, "nobody-" + UUID.randomUUID() + "@example.org",
          "Refused", "body", null));

      await().atMost(Duration.ofSeconds(20)).until(() -> mail(key).state() == MailState.FAILED);
      assertThat(refusing.recipients.get()).isEqualTo(1);
    }
    MailView failed = mail(key);
    assertThat(failed.attempts()).isEqualTo(1);
    assertThat(failed.lastError()).contains("550");
  }

  /** An SMTP server that refuses every recipient with 550, as a server does for an unknown mailbox. */
  static final class RefusingSmtp implements AutoCloseable {
    final ServerSocket socket;
    final java.util.concurrent.atomic.AtomicInteger recipients = new java.util.concurrent.atomic.AtomicInteger();
    final Thread thread;

    RefusingSmtp(int port) throws IOException {
      socket = new ServerSocket();
      socket.setReuseAddress(true);
      socket.bind(new java.net.InetSocketAddress("127.0.0.1", port));
      thread = new Thread(this::serve, "refusing-smtp");
      thread.setDaemon(true);
      thread.start();
    }

    private void serve() {
      while (!socket.isClosed()) {
        try (java.net.Socket c = socket.accept();
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(c.getInputStream(),
                java.nio.charset.StandardCharsets.US_ASCII));
            var out = new java.io.PrintWriter(new java.io.OutputStreamWriter(c.getOutputStream(),
                java.nio.charset.StandardCharsets.US_ASCII), true)) {
          out.print("220 refusing ESMTP\r\n");
          out.flush();
          String line;
          while ((line = in.readLine()) != null) {
            String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line;
            String answer = switch (verb) {
              case "EHLO", "HELO" -> "250 refusing";
              case "MAIL", "RSET", "NOOP" -> "250 2.0.0 ok";
              case "RCPT" -> {
                recipients.incrementAndGet();
                yield "550 5.1.1 no such user here";
              }
              case "QUIT" -> "221 bye";
              default -> "503 5.5.1 bad sequence";
            };
            out.print(answer + "\r\n");
            out.flush();
            if (verb.equals("QUIT")) {
              break;
            }
          }
        } catch (IOException e) {
          // closed: the test is over
        }
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  @Test
  void aMailLeftSendingByACrashedDispatcherIsSentByAnotherAfterTheTimeout() {
    String to = "crash-" + UUID.randomUUID() + "@example.org";
    String key = "test-crash:" + UUID.randomUUID();
    Instant start = Instant.parse("2030-02-01T08:00:00Z");
    clock.set(start);
    // A dispatcher claimed it and died before sending: the row stays SENDING under its claim.
    tx.executeWithoutResult(s -> {
      outbox.enqueue(OutgoingMail.of(key, MailPurpose.NOTIFICATION, to, "Crash", "body", null));
      db.update(MAIL_OUTBOX).set(MAIL_OUTBOX.STATE, MailState.SENDING.name()).set(MAIL_OUTBOX.CLAIM, "crashed")
          .set(MAIL_OUTBOX.CLAIMED_AT, start).set(MAIL_OUTBOX.ATTEMPTS, 1).where(MAIL_OUTBOX.IDEMPOTENCY_KEY.eq(key))
          .execute();
    });

    clock.set(start.plus(Duration.ofMinutes(4)));
    dispatcher.dispatch();
    assertThat(mail(key).state()).as("still within the timeout").isEqualTo(MailState.SENDING);

    clock.set(start.plus(Duration.ofMinutes(6)));
    await().atMost(Duration.ofSeconds(10)).until(() -> mail(key).state() == MailState.SENT);
    assertThat(received(to)).hasSize(1);
  }

  @Test
  void mailHeldWhileNoServerWasConfiguredIsSentOnceOneIs() {
    String to = "released-" + UUID.randomUUID() + "@example.org";
    String key = "test-released:" + UUID.randomUUID();
    // As a node without spring.mail.host left it.
    tx.executeWithoutResult(s -> {
      outbox.enqueue(OutgoingMail.of(key, MailPurpose.NOTIFICATION, to, "Held", "body", null));
      db.update(MAIL_OUTBOX).set(MAIL_OUTBOX.STATE, MailState.HELD.name()).where(MAIL_OUTBOX.IDEMPOTENCY_KEY.eq(key))
          .execute();
    });
    dispatcher.dispatch();
    assertThat(mail(key).state()).isEqualTo(MailState.HELD);

    dispatcher.releaseHeld();

    await().atMost(Duration.ofSeconds(10)).until(() -> mail(key).state() == MailState.SENT);
    assertThat(received(to)).hasSize(1);
  }

  @Test
  void anMqlAlertMailsTheOwnerInTheirLanguageOncePerCrossing() throws Exception {
    Api api = new Api(port);
    User marketing = users.create(Role.MARKETING);
    scoring = new ScoringFixture(api, marketing);
    User owner = users.create(Role.SALES_REP);
    assertThat(api.patch("/api/v1/me", owner.token(), Map.of("locale", "ar")).status()).isEqualTo(200);
    String tag = UUID.randomUUID().toString().substring(0, 6);
    scoring.threshold(30, 10);
    scoring.pageRule("demo " + tag, 40, "/demo-" + tag);
    String lead = api.createLead(marketing.token(), Map.of("firstName", "Sara", "lastName", "Karimi-" + tag,
        "ownerId", owner.id().toString()));

    scoring.visit(lead, "/demo-" + tag);
    await().atMost(Duration.ofSeconds(15)).until(() -> received(owner.email()).size() == 1);
    scoring.visit(lead, "/demo-" + tag);
    scoring.awaitTotal(lead, 80);
    dispatcher.dispatch();

    assertThat(received(owner.email())).hasSize(1);
    MimeMessage m = received(owner.email()).get(0);
    assertThat(m.getSubject()).isEqualTo("Sara Karimi-" + tag + " أصبح الآن MQL");
    assertThat(part(m, "text/html")).contains("dir=\"rtl\"").contains("lang=\"ar\"").contains("/leads/" + lead);
    assertThat(part(m, "text/plain")).contains("/leads/" + lead);
    JsonNode notes = api.get("/api/v1/me/notifications", owner.token()).json().get("items");
    assertThat(notes).hasSize(1);
    assertThat(notes.get(0).get("link").asString()).isEqualTo("/leads/" + lead);
    assertThat(notes.get(0).get("title").asString()).isEqualTo("Sara Karimi-" + tag + " أصبح الآن MQL");
  }
}
