package org.sarnakh.nurture;

import static org.sarnakh.platform.db.Tables.EMAIL_TEMPLATE;
import static org.sarnakh.platform.db.Tables.EMAIL_TEMPLATE_VARIANT;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.jsoup.Jsoup;
import org.jsoup.parser.Parser;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;
import org.jspecify.annotations.Nullable;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.identity.UserDirectory;
import org.sarnakh.identity.UserSummary;
import org.sarnakh.lead.Lead;
import org.sarnakh.lead.LeadField;
import org.sarnakh.lead.LeadId;
import org.sarnakh.lead.LeadQueries;
import org.sarnakh.platform.ApiTime;
import org.sarnakh.platform.DomainConflict;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.InvalidInput.FieldProblem;
import org.sarnakh.platform.NotFound;
import org.sarnakh.platform.Secrets;
import org.sarnakh.platform.StaleVersion;
import org.sarnakh.platform.mail.MailOutbox;
import org.sarnakh.platform.mail.MailPurpose;
import org.sarnakh.platform.mail.OutgoingMail;
import org.sarnakh.platform.text.TextKeys;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.util.HtmlUtils;

/**
 * Email templates: saved only when every variant's merge fields are known, its HTML well formed
 * and free of what mail must not carry (scripts, event handlers, forms, javascript: links); rendered
 * for a lead in its language (fa and ar right to left) with every value escaped; previewed with a
 * real lead and sent as a test to the author.
 */
@Service
public class EmailTemplates {

  public static final List<String> LANGUAGES = List.of("fa", "ar", "en");
  static final int MAX_HTML = 100_000;
  static final int MAX_TEXT = 50_000;
  private static final Set<String> FIELDS = Set.of("name", "defaultLanguage", "variants");
  private static final Set<String> VARIANT_FIELDS = Set.of("subject", "html", "text");
  /** What authored mail HTML may hold: Jsoup's relaxed set, with inline style and direction. */
  static final Safelist SAFE = Safelist.relaxed().addAttributes(":all", "style", "dir", "lang", "align", "width",
      "height", "bgcolor", "cellpadding", "cellspacing", "border").addProtocols("a", "href", "http", "https", "mailto");
  /** What a merge field stands for while the HTML is checked (a link's address or plain text, both valid). */
  private static final String PLACEHOLDER = "https://merge.invalid/value";
  private static final Set<String> MERGE_FIELDS = knownFields();

  private final DSLContext db;
  private final Clock clock;
  private final LeadQueries leads;
  private final UserDirectory users;
  private final MailOutbox outbox;

  EmailTemplates(DSLContext db, Clock clock, LeadQueries leads, UserDirectory users, MailOutbox outbox) {
    this.db = db;
    this.clock = clock;
    this.leads = leads;
    this.users = users;
    this.outbox = outbox;
  }

  /** The merge fields a template may use. */
  public static Set<String> mergeFields() {
    return MERGE_FIELDS;
  }

  private static Set<String> knownFields() {
    Set<String> known = new LinkedHashSet<>();
    known.add("lead.fullName");
    for (LeadField f : LeadField.values()) {
      if (f != LeadField.TAGS && f != LeadField.CUSTOM_FIELDS && f != LeadField.OWNER_ID && f != LeadField.TEAM_ID
          && f != LeadField.CAMPAIGN_ID && f != LeadField.OPPORTUNITY_AMOUNT && f != LeadField.ANNUAL_REVENUE) {
        known.add("lead." + f.apiName());
      }
    }
    known.add("owner.name");
    known.add("owner.email");
    known.add("unsubscribeUrl");
    return java.util.Collections.unmodifiableSet(known);
  }

  static void requireEditor(CurrentUser user) {
    NurtureInput.requireMarketer(user, "email templates are written by marketing and administrators");
  }

  @Transactional
  public EmailTemplate create(Map<String, ?> json, CurrentUser user) {
    requireEditor(user);
    Parsed p = parse(json, null);
    UUID id = UUID.randomUUID();
    Instant now = ApiTime.truncate(clock.instant());
    try {
      db.insertInto(EMAIL_TEMPLATE).set(EMAIL_TEMPLATE.ID, id).set(EMAIL_TEMPLATE.NAME, p.name())
          .set(EMAIL_TEMPLATE.DEFAULT_LANGUAGE, p.defaultLanguage()).set(EMAIL_TEMPLATE.CREATED_AT, now)
          .set(EMAIL_TEMPLATE.CREATED_BY, user.id()).set(EMAIL_TEMPLATE.UPDATED_AT, now).execute();
    } catch (IntegrityConstraintViolationException e) {
      throw InvalidInput.of("name", "a template with this name exists");
    }
    writeVariants(id, p.variants());
    return get(id);
  }

  /** Replaces name, default language and variants (the whole template, as the editor saves it). */
  @Transactional
  public EmailTemplate update(UUID id, Map<String, ?> json, @Nullable Long ifMatch, CurrentUser user) {
    requireEditor(user);
    EmailTemplate current = get(id);
    if (ifMatch != null && ifMatch != current.version()) {
      throw new StaleVersion(ifMatch, current.version());
    }
    Parsed p = parse(json, current);
    try {
      int n = db.update(EMAIL_TEMPLATE).set(EMAIL_TEMPLATE.NAME, p.name())
          .set(EMAIL_TEMPLATE.DEFAULT_LANGUAGE, p.defaultLanguage())
          .set(EMAIL_TEMPLATE.UPDATED_AT, ApiTime.truncate(clock.instant()))
          .set(EMAIL_TEMPLATE.VERSION, EMAIL_TEMPLATE.VERSION.plus(1))
          .where(EMAIL_TEMPLATE.ID.eq(id).and(EMAIL_TEMPLATE.VERSION.eq(current.version()))).execute();
      if (n == 0) {
        throw new DomainConflict("concurrent-change", "the template changed meanwhile; reload it and try again");
      }
    } catch (IntegrityConstraintViolationException e) {
      throw InvalidInput.of("name", "a template with this name exists");
    }
    db.deleteFrom(EMAIL_TEMPLATE_VARIANT).where(EMAIL_TEMPLATE_VARIANT.TEMPLATE_ID.eq(id)).execute();
    writeVariants(id, p.variants());
    return get(id);
  }

  @Transactional
  public void delete(UUID id, CurrentUser user) {
    requireEditor(user);
    if (db.deleteFrom(EMAIL_TEMPLATE).where(EMAIL_TEMPLATE.ID.eq(id)).execute() == 0) {
      throw new NotFound("email template");
    }
  }

  public EmailTemplate get(UUID id) {
    var t = db.selectFrom(EMAIL_TEMPLATE).where(EMAIL_TEMPLATE.ID.eq(id)).fetchOptional()
        .orElseThrow(() -> new NotFound("email template"));
    Map<String, EmailTemplate.Variant> variants = new TreeMap<>();
    db.selectFrom(EMAIL_TEMPLATE_VARIANT).where(EMAIL_TEMPLATE_VARIANT.TEMPLATE_ID.eq(id)).forEach(v ->
        variants.put(v.getLanguage(), new EmailTemplate.Variant(v.getSubject(), v.getHtml(), v.getBodyText())));
    return new EmailTemplate(t.getId(), t.getName(), t.getDefaultLanguage(), Map.copyOf(variants), t.getCreatedAt(),
        t.getUpdatedAt(), t.getVersion());
  }

  public List<EmailTemplate> list() {
    return db.select(EMAIL_TEMPLATE.ID).from(EMAIL_TEMPLATE).orderBy(EMAIL_TEMPLATE.NAME).fetch(EMAIL_TEMPLATE.ID)
        .stream().map(this::get).toList();
  }

  /** A template rendered for one lead: what it will receive. */
  public record Rendered(String language, String subject, @Nullable String html, String text) {}

  /** Renders for a lead the caller may see; {@code language} null picks the lead's. */
  @Transactional(readOnly = true)
  public Rendered preview(UUID id, UUID leadId, @Nullable String language, CurrentUser user) {
    requireEditor(user);
    EmailTemplate t = get(id);
    Lead lead = leads.get(new LeadId(leadId), user);
    return render(t, lead, language == null ? languageOf(lead) : language, "#unsubscribe");
  }

  /** Sends the rendered template (for {@code leadId}, or with empty fields) to the caller's own address. */
  @Transactional
  public Rendered testSend(UUID id, @Nullable UUID leadId, CurrentUser user) {
    requireEditor(user);
    EmailTemplate t = get(id);
    UserSummary me = users.find(user.id()).orElseThrow(() -> new NotFound("user"));
    Rendered r = leadId == null ? render(t, null, t.defaultLanguage(), "#unsubscribe")
        : preview(id, leadId, null, user);
    outbox.enqueue(OutgoingMail.of("template-test:" + id + ":" + Secrets.random(12), MailPurpose.TRANSACTIONAL,
        me.email(), "[test] " + r.subject(), r.text(), r.html()));
    return r;
  }

  /** {@code lead} null renders every merge field empty (its fallback). */
  public Rendered render(EmailTemplate t, @Nullable Lead lead, String language, String unsubscribeUrl) {
    EmailTemplate.Variant v = t.variant(language);
    String lang = t.variants().containsKey(language) ? language : t.defaultLanguage();
    Set<String> known = mergeFields();
    // The owner is looked up once per mail, and only when the variant names one of its fields.
    boolean ownerNamed = (v.subject() + v.text() + (v.html() == null ? "" : v.html())).contains("owner.");
    java.util.Optional<UserSummary> owner = !ownerNamed || lead == null || lead.ownerId() == null
        ? java.util.Optional.empty() : users.find(lead.ownerId());
    java.util.function.Function<String, String> values = field -> value(field, lead, owner, unsubscribeUrl);
    String subject = MergeText.render(v.subject(), known, values, false);
    String text = MergeText.render(v.text(), known, values, false);
    String html = v.html() == null ? null : wrap(MergeText.render(v.html(), known, values, true), lang);
    return new Rendered(lang, subject, html, text);
  }

  /** The lead's language for mail: Persian letters say fa, other Arabic script ar; else by country; else none. */
  static @Nullable String languageOf(Lead lead) {
    String name = (lead.text(LeadField.FIRST_NAME) == null ? "" : lead.text(LeadField.FIRST_NAME)) + " "
        + (lead.text(LeadField.LAST_NAME) == null ? "" : lead.text(LeadField.LAST_NAME));
    if (name.matches(".*[پچژگکی].*")) {
      return "fa";
    }
    if (name.matches(".*[\\u0600-\\u06FF].*")) {
      return "ar";
    }
    String country = lead.text(LeadField.COUNTRY);
    if ("IR".equals(country) || "AF".equals(country) || "TJ".equals(country)) {
      return "fa";
    }
    if (country != null && Set.of("AE", "SA", "IQ", "KW", "QA", "BH", "OM", "JO", "LB", "SY", "EG", "YE", "LY", "TN",
        "DZ", "MA", "SD").contains(country)) {
      return "ar";
    }
    return name.isBlank() && country == null ? null : "en";
  }

  private static @Nullable String value(String field, @Nullable Lead lead,
      java.util.Optional<UserSummary> owner, String unsubscribeUrl) {
    if (field.equals("unsubscribeUrl")) {
      return unsubscribeUrl;
    }
    if (lead == null) {
      return null;
    }
    if (field.equals("lead.fullName")) {
      String first = lead.text(LeadField.FIRST_NAME);
      String last = lead.text(LeadField.LAST_NAME);
      return ((first == null ? "" : first) + " " + (last == null ? "" : last)).strip();
    }
    if (field.startsWith("owner.")) {
      return owner.map(o -> field.equals("owner.name") ? o.displayName() : o.email()).orElse(null);
    }
    return LeadField.byApiName(field.substring("lead.".length())).map(lead::text).orElse(null);
  }

  /** A mail body in its language's direction. */
  static String wrap(String body, String language) {
    String dir = language.equals("en") ? "ltr" : "rtl";
    return "<!DOCTYPE html><html lang=\"" + language + "\" dir=\"" + dir + "\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width\"></head><body dir=\"" + dir + "\" style=\"text-align:"
        + (dir.equals("rtl") ? "right" : "left") + "\">" + body + "</body></html>";
  }

  private record Parsed(String name, String defaultLanguage, Map<String, EmailTemplate.Variant> variants) {}

  private Parsed parse(Map<String, ?> json, @Nullable EmailTemplate current) {
    List<FieldProblem> problems = new ArrayList<>();
    for (String k : json.keySet()) {
      if (!FIELDS.contains(k)) {
        problems.add(new FieldProblem(k, "unknown field; one of " + FIELDS));
      }
    }
    String name = current == null ? "" : current.name();
    if (current == null || json.containsKey("name")) {
      name = NurtureInput.name(json.get("name"), problems);
    }
    Map<String, EmailTemplate.Variant> variants = new LinkedHashMap<>();
    Object rawVariants = json.containsKey("variants") ? json.get("variants") : current == null ? null : "keep";
    if ("keep".equals(rawVariants)) {
      variants.putAll(current.variants());
    } else if (!(rawVariants instanceof Map<?, ?> m) || m.isEmpty()) {
      problems.add(new FieldProblem("variants", "at least one language of fa, ar, en: {\"fa\": {\"subject\", \"html\", \"text\"}}"));
    } else {
      for (var e : m.entrySet()) {
        String lang = String.valueOf(e.getKey());
        if (!LANGUAGES.contains(lang)) {
          problems.add(new FieldProblem("variants." + lang, "a language of " + LANGUAGES));
          continue;
        }
        EmailTemplate.Variant v = variant(lang, e.getValue(), problems);
        if (v != null) {
          variants.put(lang, v);
        }
      }
    }
    String defaultLanguage = current == null ? null : current.defaultLanguage();
    if (json.get("defaultLanguage") != null) {
      defaultLanguage = String.valueOf(json.get("defaultLanguage"));
    }
    if (defaultLanguage == null && variants.size() >= 1) {
      defaultLanguage = variants.keySet().iterator().next();
    }
    if (problems.isEmpty() && (defaultLanguage == null || !variants.containsKey(defaultLanguage))) {
      problems.add(new FieldProblem("defaultLanguage", "one of the template's languages " + variants.keySet()));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInput(problems);
    }
    return new Parsed(name, defaultLanguage, variants);
  }

  private static EmailTemplate.@Nullable Variant variant(String lang, @Nullable Object raw, List<FieldProblem> problems) {
    String at = "variants." + lang;
    if (!(raw instanceof Map<?, ?> m)) {
      problems.add(new FieldProblem(at, "an object with subject, html and text"));
      return null;
    }
    for (Object k : m.keySet()) {
      if (!VARIANT_FIELDS.contains(String.valueOf(k))) {
        problems.add(new FieldProblem(at + "." + k, "unknown field; one of " + VARIANT_FIELDS));
      }
    }
    Set<String> known = mergeFields();
    int before = problems.size();
    String subject = m.get("subject") instanceof String s ? s.strip() : "";
    if (subject.isEmpty()) {
      problems.add(new FieldProblem(at + ".subject", "required"));
    } else if (subject.length() > 200 || subject.contains("\n") || TextKeys.hasForbiddenControls(subject)) {
      problems.add(new FieldProblem(at + ".subject", "one line of at most 200 characters"));
    } else {
      MergeText.parse(subject, at + ".subject", known, problems);
    }
    String html = m.get("html") instanceof String s && !s.isBlank() ? s : null;
    if (html != null) {
      html(html, at + ".html", known, problems);
    }
    String text = m.get("text") instanceof String s && !s.isBlank() ? s : null;
    if (text != null) {
      if (text.length() > MAX_TEXT) {
        problems.add(new FieldProblem(at + ".text", "at most " + MAX_TEXT + " characters"));
      }
      MergeText.parse(text, at + ".text", known, problems);
    } else if (html == null) {
      problems.add(new FieldProblem(at + ".text", "a text body, an HTML body, or both"));
    } else {
      text = textOf(html);
    }
    return problems.size() > before ? null : new EmailTemplate.Variant(subject, html, text);
  }

  /** Refuses HTML that is malformed or carries what mail must not (checked with the merge fields filled in). */
  private static void html(String html, String at, Set<String> known, List<FieldProblem> problems) {
    if (html.length() > MAX_HTML) {
      problems.add(new FieldProblem(at, "at most " + MAX_HTML + " characters"));
      return;
    }
    int before = problems.size();
    MergeText.parse(html, at, known, problems);
    if (problems.size() > before) {
      return;
    }
    String filled = MergeText.render(html, known, f -> PLACEHOLDER, false);
    Parser parser = Parser.htmlParser().setTrackErrors(5);
    Jsoup.parse(filled, "", parser);
    if (!parser.getErrors().isEmpty()) {
      var e = parser.getErrors().get(0);
      problems.add(new FieldProblem(at, "malformed HTML at " + e.getCursorPos() + ": " + e.getErrorMessage()));
      return;
    }
    if (!new Cleaner(SAFE).isValidBodyHtml(filled)) {
      problems.add(new FieldProblem(at, "holds what mail cannot carry safely (scripts, event handlers, forms, frames, "
          + "javascript: links or a whole document); give the body's content only"));
    }
  }

  /** A text body from HTML, paragraph by paragraph, for mail readers without HTML. */
  static String textOf(String html) {
    var doc = Jsoup.parseBodyFragment(html);
    doc.select("br").after("\\n");
    doc.select("p, div, h1, h2, h3, h4, li, tr").after("\\n\\n");
    String text = doc.body().text().replace("\\n", "\n");
    return HtmlUtils.htmlUnescape(text.replaceAll("[ \\t]*\\n[ \\t]*", "\n").replaceAll("\n{3,}", "\n\n").strip());
  }

  private void writeVariants(UUID id, Map<String, EmailTemplate.Variant> variants) {
    variants.forEach((lang, v) -> db.insertInto(EMAIL_TEMPLATE_VARIANT).set(EMAIL_TEMPLATE_VARIANT.TEMPLATE_ID, id)
        .set(EMAIL_TEMPLATE_VARIANT.LANGUAGE, lang).set(EMAIL_TEMPLATE_VARIANT.SUBJECT, v.subject())
        .set(EMAIL_TEMPLATE_VARIANT.HTML, v.html()).set(EMAIL_TEMPLATE_VARIANT.BODY_TEXT, v.text()).execute());
  }
}
