package org.sarnakh.platform.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;

/**
 * Tells a failure that sending again cannot mend (a 5xx answer, an address that does not parse)
 * from one that may pass later (no connection, a timeout, a 4xx answer).
 */
final class MailFailures {

  private MailFailures() {}

  static boolean permanent(Throwable failure) {
    Deque<Throwable> todo = new ArrayDeque<>();
    Set<Throwable> seen = new HashSet<>();
    todo.add(failure);
    while (!todo.isEmpty()) {
      Throwable t = todo.poll();
      if (!seen.add(t)) {
        continue;
      }
      Integer code = replyCode(t);
      if (code != null) {
        return code >= 500 && code < 600;
      }
      if (t instanceof AddressException || t instanceof MailParseException || t instanceof MailPreparationException) {
        return true;
      }
      if (t instanceof MailSendException send) {
        todo.addAll(send.getFailedMessages().values());
      }
      if (t instanceof MessagingException m && m.getNextException() != null) {
        todo.add(m.getNextException());
      }
      if (t.getCause() != null) {
        todo.add(t.getCause());
      }
    }
    return false;
  }

  /** What the failure says in one line, for the outbox page. */
  static String describe(Throwable failure) {
    StringBuilder s = new StringBuilder();
    Set<Throwable> seen = new HashSet<>();
    for (Throwable t = failure; t != null && seen.add(t); t = t.getCause() != null ? t.getCause()
        : t instanceof MessagingException m ? m.getNextException() : null) {
      if (!s.isEmpty()) {
        s.append(" ← ");
      }
      s.append(t.getClass().getSimpleName());
      if (t.getMessage() != null) {
        s.append(": ").append(t.getMessage().replaceAll("\\s+", " ").strip());
      }
    }
    return s.length() > 2000 ? s.substring(0, 2000) : s.toString();
  }

  private static @org.jspecify.annotations.Nullable Integer replyCode(Throwable t) {
    if (t instanceof SMTPAddressFailedException a) {
      return a.getReturnCode();
    }
    if (t instanceof SMTPSenderFailedException f) {
      return f.getReturnCode();
    }
    if (t instanceof SMTPSendFailedException f) {
      return f.getReturnCode();
    }
    return null;
  }
}
