package org.sarnakh.capture;

import static org.sarnakh.platform.db.Tables.CONSENT_EVIDENCE;
import static org.sarnakh.platform.db.Tables.WEB_FORM_SUBMISSION;

import io.github.bucket4j.ConsumptionProbe;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.identity.Role;
import org.sarnakh.lead.Actor;
import org.sarnakh.lead.DuplicateKeys;
import org.sarnakh.lead.DuplicateMatch;
import org.sarnakh.lead.LeadCatalog;
import org.sarnakh.lead.LeadField;
import org.sarnakh.lead.LeadId;
import org.sarnakh.lead.LeadInput;
import org.sarnakh.lead.LeadManagement;
import org.sarnakh.lead.LeadMatching;
import org.sarnakh.lead.LeadMatching.OnDuplicate;
import org.sarnakh.platform.ApiTime;
import org.sarnakh.platform.DomainConflict;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.InvalidInput.FieldProblem;
import org.sarnakh.platform.NotFound;
import org.sarnakh.platform.RateBuckets;
import org.sarnakh.platform.Secrets;
import org.sarnakh.tracking.EventIngest;
import org.sarnakh.tracking.EventType;
import org.sarnakh.tracking.TrackedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A visitor's post of a public form: rate limited per source address and per form, a filled
 * honeypot answered as a success with nothing stored, every answer checked as the lead API checks
 * it, the one-time token spent by a unique insert, then the lead created or updated through the
 * duplicate guard as the form's mode says, the consent evidence stored, and a {@code FORM_SUBMIT}
 * event recorded that also joins the visitor's anonymous history to the lead.
 */
@Service
public class FormSubmissions {

  private static final Logger log = LoggerFactory.getLogger(FormSubmissions.class);

  /** What a visitor sent, and where from. {@code token} is null for the plain HTML snippet, which cannot carry one. */
  public record Submission(Map<String, String> values, boolean consentTicked, @Nullable String honeypot,
      @Nullable String token, String address, @Nullable String userAgent, @Nullable String anonymousId,
      @Nullable String pageUrl) {}

  public enum Outcome { CREATED, UPDATED, SKIPPED, REPLAYED, TRAPPED }

  /** What became of a submission; the visitor is answered alike whatever it was. */
  public record Result(Outcome outcome, @Nullable UUID leadId) {}

  /** The post's token was not signed by us for this form, or expired: the page is to be sent again. */
  public static class StaleToken extends RuntimeException {
    StaleToken() {
      super("the form expired; check your answers and send it again");
    }
  }

  /** Field name of the honeypot: hidden from people, tempting to bots. */
  public static final String HONEYPOT = "website_url";
  /** Field name of the consent checkbox. */
  public static final String CONSENT = "consent";
  static final Duration TOKENLESS_WINDOW = Duration.ofMinutes(10);

  private final LeadManagement leads;
  private final LeadMatching matching;
  private final LeadCatalog catalog;
  private final EventIngest events;
  private final FormTokens tokens;
  private final FormSettings settings;
  private final DSLContext db;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final RateBuckets limits = new RateBuckets(100_000);
  private final Map<UUID, Defaults> checkedDefaults = new java.util.concurrent.ConcurrentHashMap<>();

  FormSubmissions(LeadManagement leads, LeadMatching matching, LeadCatalog catalog, EventIngest events, FormTokens tokens,
      FormSettings settings, DSLContext db, TransactionTemplate tx, Clock clock) {
    this.leads = leads;
    this.matching = matching;
    this.catalog = catalog;
    this.events = events;
    this.tokens = tokens;
    this.settings = settings;
    this.db = db;
    this.tx = tx;
    this.clock = clock;
  }

  /**
   * Takes one submission from the address's and the form's budgets: 0 when it may go ahead, else
   * the seconds until it may be tried again (for Retry-After).
   */
  public long admit(WebForm form, String address) {
    if (!settings.rateLimits()) {
      return 0;
    }
    int perForm = form.submissionsPerMinute() != null ? form.submissionsPerMinute() : settings.perFormPerMinute();
    ConsumptionProbe byAddress = limits.bucket("a:" + address, settings.perAddressPerMinute(), Duration.ofMinutes(1))
        .tryConsumeAndReturnRemaining(1);
    if (!byAddress.isConsumed()) {
      return seconds(byAddress);
    }
    ConsumptionProbe byForm = limits.bucket("f:" + form.id(), perForm, Duration.ofMinutes(1))
        .tryConsumeAndReturnRemaining(1);
    return byForm.isConsumed() ? 0 : seconds(byForm);
  }

  /**
   * Checks and stores one submission. Refused answers come back as {@link InvalidInput} naming the
   * form's fields (and {@code consent}), with nothing stored and the token still unspent.
   */
  public Result submit(WebForm form, Submission s) {
    if (s.honeypot() != null && !s.honeypot().isEmpty()) {
      return new Result(Outcome.TRAPPED, null);
    }
    String claim = claimKey(form, s);
    Answers answers = answers(form, s);
    Map<String, Object> json = new LinkedHashMap<>(defaults(form));
    json.putAll(answers.json());
    CurrentUser as = actingAs(form);
    Instant now = ApiTime.truncate(clock.instant());
    List<DuplicateMatch> matches = matching.find(answers.keys(), null);
    if (matches.isEmpty()) {
      // The usual case, in one transaction: the lead, the spent token, the evidence and the event.
      // A token spent meanwhile fails its unique key at the end and takes the new lead back with it.
      try {
        return tx.execute(t -> {
          var saved = leads.create(json, as, Actor.Channel.FORM, OnDuplicate.ALLOW);
          Result result = new Result(Outcome.CREATED, saved.lead().id().value());
          claim(form, claim, result, now);
          evidence(form, s, claim, result, now);
          recordEvent(form, claim, result.leadId(), s);
          return result;
        });
      } catch (DuplicateKeyException spent) {
        return new Result(Outcome.REPLAYED, null);
      }
    }
    // A known person: the token is spent first, so a repeat cannot update the lead a second time.
    try {
      claim(form, claim, new Result(Outcome.SKIPPED, null), now);
    } catch (DuplicateKeyException spent) {
      return new Result(Outcome.REPLAYED, null);
    }
    Result result;
    try {
      result = known(form, matches, answers.json(), as);
    } catch (RuntimeException e) {
      // Nothing half-written: the claim goes with the failed write, so the visitor can send again.
      db.deleteFrom(WEB_FORM_SUBMISSION).where(WEB_FORM_SUBMISSION.TOKEN.eq(claim)).execute();
      throw e;
    }
    tx.executeWithoutResult(t -> {
      db.update(WEB_FORM_SUBMISSION).set(WEB_FORM_SUBMISSION.OUTCOME, result.outcome().name())
          .set(WEB_FORM_SUBMISSION.LEAD_ID, result.leadId()).where(WEB_FORM_SUBMISSION.TOKEN.eq(claim)).execute();
      evidence(form, s, claim, result, now);
      if (result.leadId() != null) {
        recordEvent(form, claim, result.leadId(), s);
      }
    });
    return result;
  }

  private void claim(WebForm form, String claim, Result result, Instant now) {
    db.insertInto(WEB_FORM_SUBMISSION).set(WEB_FORM_SUBMISSION.TOKEN, claim).set(WEB_FORM_SUBMISSION.FORM_ID, form.id())
        .set(WEB_FORM_SUBMISSION.OUTCOME, result.outcome().name()).set(WEB_FORM_SUBMISSION.LEAD_ID, result.leadId())
        .set(WEB_FORM_SUBMISSION.SUBMITTED_AT, now).execute();
  }

  private void evidence(WebForm form, Submission s, String claim, Result result, Instant now) {
    if (form.consent() == null || result.leadId() == null) {
      return;
    }
    db.insertInto(CONSENT_EVIDENCE).set(CONSENT_EVIDENCE.ID, UUID.randomUUID())
        .set(CONSENT_EVIDENCE.LEAD_ID, result.leadId()).set(CONSENT_EVIDENCE.FORM_ID, form.id())
        .set(CONSENT_EVIDENCE.SUBMISSION_TOKEN, claim).set(CONSENT_EVIDENCE.GRANTED, s.consentTicked())
        .set(CONSENT_EVIDENCE.CONSENT_TEXT, form.consent().text(form.language()))
        .set(CONSENT_EVIDENCE.TEXT_VERSION, form.consent().textVersion())
        .set(CONSENT_EVIDENCE.LANGUAGE, form.language()).set(CONSENT_EVIDENCE.POLICY_URL, form.consent().policyUrl())
        .set(CONSENT_EVIDENCE.SOURCE_ADDRESS, cut(s.address(), 64))
        .set(CONSENT_EVIDENCE.USER_AGENT, s.userAgent() == null ? null : cut(s.userAgent(), 500))
        .set(CONSENT_EVIDENCE.RECORDED_AT, now).execute();
  }

  /** The key the submission is claimed by: the token's id, or for a token-less post its content within a window. */
  private String claimKey(WebForm form, Submission s) {
    if (s.token() != null && !s.token().isEmpty()) {
      return tokens.check(form, s.token()).orElseThrow(StaleToken::new);
    }
    long window = clock.instant().getEpochSecond() / TOKENLESS_WINDOW.toSeconds();
    return "h:" + Secrets.sha256(form.id() + "|" + s.address() + "|" + window + "|" + new java.util.TreeMap<>(s.values())
        + "|" + s.consentTicked());
  }

  /** The visitor's answers as lead JSON, and the keys the duplicate guard matches them by. */
  private record Answers(Map<String, Object> json, DuplicateKeys keys) {}

  /** The visitor's answers, checked field by field; nothing but the form's own fields is read. */
  private Answers answers(WebForm form, Submission s) {
    List<FieldProblem> problems = new ArrayList<>();
    Map<String, Object> json = new LinkedHashMap<>();
    boolean contact = false;
    for (WebForm.Field f : form.fields()) {
      String v = s.values().getOrDefault(f.name(), "");
      v = v == null ? "" : v.strip();
      if (v.isEmpty()) {
        if (f.required()) {
          problems.add(new FieldProblem(f.name(), "required"));
        }
        continue;
      }
      contact |= FormDefinitions.CONTACT_FIELDS.contains(f.name());
      put(json, f.name(), v);
    }
    if (!contact && problems.isEmpty()) {
      String first = form.fields().stream().map(WebForm.Field::name).filter(FormDefinitions.CONTACT_FIELDS::contains)
          .findFirst().orElse("email");
      problems.add(new FieldProblem(first, "required: an email address or a phone number to reach you"));
    }
    LeadInput.Parsed parsed = null;
    try {
      parsed = LeadInput.parse(json, catalog);
    } catch (InvalidInput e) {
      problems.addAll(e.problems());
    }
    if (form.consent() != null && form.consent().required() && !s.consentTicked()) {
      problems.add(new FieldProblem(CONSENT, "required"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInput(problems);
    }
    if (s.consentTicked() && form.consent() != null) {
      json.put("marketingConsent", Map.of("status", "GRANTED", "source", "form:" + form.key()));
    }
    Set<String> phones = new java.util.LinkedHashSet<>();
    for (LeadField f : List.of(LeadField.PHONE, LeadField.MOBILE)) {
      if (parsed.changes().get(f) instanceof String p) {
        phones.add(p);
      }
    }
    return new Answers(json, new DuplicateKeys((String) parsed.changes().get(LeadField.EMAIL), phones, null));
  }

  private record Defaults(int version, Map<String, Object> values, long checkedAt) {}

  /** The form's defaults that still hold, checked again every few seconds rather than on every submission. */
  private Map<String, Object> defaults(WebForm form) {
    long now = System.nanoTime();
    Defaults d = checkedDefaults.get(form.id());
    if (d == null || d.version() != form.version() || now - d.checkedAt() > WebForms.CACHE_NANOS) {
      d = new Defaults(form.version(), validDefaults(form), now);
      if (checkedDefaults.size() > 10_000) {
        checkedDefaults.clear();
      }
      checkedDefaults.put(form.id(), d);
    }
    return d.values();
  }

  /** The form's defaults that still hold (a default owner may have left since): the rest are left out, not the visitor's fault. */
  private Map<String, Object> validDefaults(WebForm form) {
    Map<String, Object> out = new LinkedHashMap<>(form.defaults());
    try {
      LeadInput.parse(out, catalog);
    } catch (InvalidInput e) {
      for (FieldProblem p : e.problems()) {
        log.warn("form {}: default {} no longer applies ({}); left out", form.key(), p.field(), p.message());
        out.remove(p.field().contains(".") ? p.field().substring(0, p.field().indexOf('.')) : p.field());
      }
    }
    return out;
  }

  /** A submission matching stored records: the matched lead takes the answers (UPDATE) or stays as it is (SKIP). */
  private Result known(WebForm form, List<DuplicateMatch> matches, Map<String, Object> answers, CurrentUser as) {
    UUID match = matches.stream().filter(m -> m.kind() == DuplicateMatch.Kind.LEAD).map(DuplicateMatch::id)
        .findFirst().orElse(null);
    if (match == null || form.onDuplicate() == WebForm.OnDuplicate.SKIP) {
      return new Result(Outcome.SKIPPED, match);
    }
    try {
      // Only the visitor's own answers: the form's defaults (owner, source, tags) are for new leads.
      leads.edit(new LeadId(match), answers, null, as, Actor.Channel.FORM, OnDuplicate.ALLOW);
      return new Result(Outcome.UPDATED, match);
    } catch (NotFound | DomainConflict refused) {
      // Deleted meanwhile, converted (read-only) or changed concurrently: the lead stays as it is.
      log.info("form {}: matched lead {} not updated: {}", form.key(), match, refused.getMessage());
      return new Result(Outcome.SKIPPED, match);
    }
  }

  /**
   * Forms write as their creator's organisation would, seeing every lead (the duplicate guard must
   * find any match); the change log names the form.
   */
  private static CurrentUser actingAs(WebForm form) {
    return new CurrentUser(form.createdBy(), "", "Web form · " + form.name(), Role.MARKETING, Set.of(), form.language(),
        "GREGORIAN", ZoneOffset.UTC);
  }

  private void recordEvent(WebForm form, String claim, UUID lead, Submission s) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("eventId", "form-" + Secrets.sha256(claim).substring(0, 40));
    event.put("type", EventType.FORM_SUBMIT.name());
    event.put("leadId", lead.toString());
    event.put("properties", Map.of("form", form.key(), "formName", form.name()));
    Map<String, Object> plain = new LinkedHashMap<>(event);
    if (s.anonymousId() != null && s.anonymousId().matches("[A-Za-z0-9._-]{8,100}")) {
      event.put("anonymousId", s.anonymousId());
    }
    if (s.pageUrl() != null && s.pageUrl().length() <= 2000) {
      event.put("url", s.pageUrl());
    }
    var recorded = events.ingest(List.of(event), TrackedEvent.Channel.FORM);
    if (!recorded.rejected().isEmpty() && (event.containsKey("url") || event.containsKey("anonymousId"))) {
      // A page address or visitor id we could not use must not cost the lead its timeline entry.
      events.ingest(List.of(plain), TrackedEvent.Channel.FORM);
    }
  }

  private static void put(Map<String, Object> json, String name, String value) {
    int dot = name.indexOf('.');
    if (dot < 0) {
      json.put(name, value);
      return;
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> group = (Map<String, Object>) json.computeIfAbsent(name.substring(0, dot), g -> new LinkedHashMap<>());
    group.put(name.substring(dot + 1), value);
  }

  private static long seconds(ConsumptionProbe probe) {
    return Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}
