package org.sarnakh.platform.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Map;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailSendException;

class MailFailuresTest {

  static MailSendException refused(Exception why) {
    return new MailSendException(Map.of(new Object(), why));
  }

  @Test
  void aFiveHundredAnswerIsPermanentAndAFourHundredOneIsNot() throws Exception {
    var unknownUser = new SMTPAddressFailedException(new InternetAddress("nobody@example.org"), "RCPT TO", 550,
        "5.1.1 no such user");
    var mailboxBusy = new SMTPAddressFailedException(new InternetAddress("busy@example.org"), "RCPT TO", 451,
        "4.3.0 try again later");

    assertThat(MailFailures.permanent(refused(new MessagingException("refused", unknownUser)))).isTrue();
    assertThat(MailFailures.permanent(refused(new MessagingException("refused", mailboxBusy)))).isFalse();
    assertThat(MailFailures.permanent(new SMTPSendFailedException("DATA", 554, "5.7.1 rejected", null, null, null, null)))
        .isTrue();
  }

  @Test
  void noConnectionIsTransient() {
    var down = new MailSendException("Mail server connection failed",
        new MessagingException("Could not connect to SMTP host", new ConnectException("Connection refused")));

    assertThat(MailFailures.permanent(down)).isFalse();
    assertThat(MailFailures.describe(down)).contains("Connection refused");
  }

  @Test
  void retriesWaitTwiceAsLongEachTimeUpToTheCap() {
    MailSettings s = new MailSettings("x@example.org", 20, Duration.ofSeconds(30), Duration.ofMinutes(5), 12,
        Duration.ofMinutes(5));

    assertThat(s.retryDelay(1)).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.retryDelay(2)).isEqualTo(Duration.ofMinutes(1));
    assertThat(s.retryDelay(4)).isEqualTo(Duration.ofMinutes(4));
    assertThat(s.retryDelay(5)).isEqualTo(Duration.ofMinutes(5));
    assertThat(s.retryDelay(40)).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void callersCannotSetTheHeadersTheOutboxOwnsOrSmuggleLines() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new OutgoingMail("k", MailPurpose.MARKETING, "a@example.org",
        "s", "t", null, Map.of("Bcc", "spy@example.org"))).isInstanceOf(IllegalArgumentException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new OutgoingMail("k", MailPurpose.MARKETING, "a@example.org",
        "s", "t", null, Map.of("List-Unsubscribe", "<https://x>\r\nBcc: spy@example.org")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(OutgoingMail.of("k", MailPurpose.NOTIFICATION, " a@example.org ", "two\r\nlines", "t", null).subject())
        .isEqualTo("two lines");
  }
}
