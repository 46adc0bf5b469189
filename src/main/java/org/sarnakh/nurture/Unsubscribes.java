package org.sarnakh.nurture;

import static org.sarnakh.platform.db.Tables.EMAIL_SUPPRESSION;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.sarnakh.lead.Actor;
import org.sarnakh.lead.LeadId;
import org.sarnakh.lead.LeadManagement;
import org.sarnakh.platform.ApiTime;
import org.sarnakh.platform.SarnakhSettings;
import org.sarnakh.platform.ServerSecrets;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Unsubscribe links and the suppression list. Every marketing mail carries a signed link to
 * {@code /u/{token}} (RFC 8058 one-click by POST; a GET only shows the question); after it, the
 * address is suppressed and the lead's marketing consent is DENIED. A link names its lead and
 * address and never expires (old mails must keep working); forging one needs the server's key,
 * and using one twice changes nothing more.
 */
@Service
public class Unsubscribes {

  static final String PURPOSE = "unsubscribe";

  /** Why an address gets no marketing mail. */
  public enum Reason { UNSUBSCRIBED, HARD_BOUNCE, COMPLAINT, MANUAL }

  /** What a valid link names: the lead, and the digest of the address it was sent to. */
  public record Target(UUID lead, String addressDigest) {}

  private final DSLContext db;
  private final Clock clock;
  private final ServerSecrets secrets;
  private final SarnakhSettings settings;
  private final LeadManagement leads;
  private final org.sarnakh.lead.LeadQueries lookup;

  Unsubscribes(DSLContext db, Clock clock, ServerSecrets secrets, SarnakhSettings settings, LeadManagement leads,
      org.sarnakh.lead.LeadQueries lookup) {
    this.lookup = lookup;
    this.db = db;
    this.clock = clock;
    this.secrets = secrets;
    this.settings = settings;
    this.leads = leads;
  }

  public String link(UUID lead, String email) {
    String payload = lead + "|" + digest(email);
    String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    return settings.publicUrl() + "/u/" + encoded + "." + secrets.sign(PURPOSE, payload);
  }

  /** The headers of RFC 8058 for a marketing mail to {@code email} of {@code lead}. */
  public Map<String, String> headers(UUID lead, String email) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("List-Unsubscribe", "<" + link(lead, email) + ">");
    h.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    return h;
  }

  /** What a token names, when the server signed it; empty for anything else. */
  public Optional<Target> read(@Nullable String token) {
    if (token == null || token.length() > 400) {
      return Optional.empty();
    }
    int dot = token.indexOf('.');
    if (dot <= 0) {
      return Optional.empty();
    }
    try {
      String payload = new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8);
      if (!secrets.verify(PURPOSE, payload, token.substring(dot + 1))) {
        return Optional.empty();
      }
      int bar = payload.indexOf('|');
      return Optional.of(new Target(UUID.fromString(payload.substring(0, bar)), payload.substring(bar + 1)));
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      return Optional.empty();
    }
  }

  /** The address the link stands for now: the lead's (the one mailed, or its new one), null when it has none or is gone. */
  public @Nullable String address(Target target) {
    return lookup.forSystem(java.util.List.of(target.lead())).stream().findFirst()
        .map(l -> l.text(org.sarnakh.lead.LeadField.EMAIL)).orElse(null);
  }

  /**
   * Withdraws the lead's marketing consent and suppresses its address; true when something
   * changed. The lead asked to stop, so its address is suppressed even if it changed since the mail.
   */
  @Transactional
  public boolean unsubscribe(Target target, String source) {
    boolean withdrawn = leads.withdrawConsent(new LeadId(target.lead()), source,
        new Actor(null, "unsubscribe link", Actor.Channel.SYSTEM));
    String email = address(target);
    boolean added = email != null && suppress(email, Reason.UNSUBSCRIBED, target.lead(), source);
    return withdrawn || added;
  }

  /** Adds an address to the suppression list; false when it is on it already (the first reason stays). */
  @Transactional
  public boolean suppress(String email, Reason reason, @Nullable UUID lead, @Nullable String source) {
    return db.insertInto(EMAIL_SUPPRESSION).set(EMAIL_SUPPRESSION.EMAIL_KEY, key(email))
        .set(EMAIL_SUPPRESSION.REASON, reason.name()).set(EMAIL_SUPPRESSION.LEAD_ID, lead)
        .set(EMAIL_SUPPRESSION.SOURCE, source == null || source.length() <= 200 ? source : source.substring(0, 200))
        .set(EMAIL_SUPPRESSION.AT, ApiTime.truncate(clock.instant())).onConflictDoNothing().execute() == 1;
  }

  public boolean suppressed(String email) {
    return db.fetchExists(EMAIL_SUPPRESSION, EMAIL_SUPPRESSION.EMAIL_KEY.eq(key(email)));
  }

  /** Why the address is suppressed, if it is. */
  public Optional<Reason> reason(String email) {
    return db.select(EMAIL_SUPPRESSION.REASON).from(EMAIL_SUPPRESSION).where(EMAIL_SUPPRESSION.EMAIL_KEY.eq(key(email)))
        .fetchOptional(r -> Reason.valueOf(r.value1()));
  }

  /** {@code sara@example.org} → {@code s•••@example.org}: enough for its owner to recognise, little for anyone else. */
  public static String masked(String email) {
    int at = email.indexOf('@');
    return at <= 0 ? "•••" : email.charAt(0) + "•••" + email.substring(at);
  }

  static String digest(String email) {
    return org.sarnakh.platform.Secrets.sha256(key(email)).substring(0, 16);
  }

  static String key(String email) {
    return email.strip().toLowerCase(Locale.ROOT);
  }
}
