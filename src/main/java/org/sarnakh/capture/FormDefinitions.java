package org.sarnakh.capture;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.sarnakh.capture.WebForm.ConsentBox;
import org.sarnakh.capture.WebForm.Field;
import org.sarnakh.capture.WebForm.OnDuplicate;
import org.sarnakh.lead.LeadCatalog;
import org.sarnakh.lead.LeadInput;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.InvalidInput.FieldProblem;
import org.sarnakh.platform.text.TextKeys;

/**
 * Reads and writes a form's definition as the API speaks it ({@code POST/PATCH /api/v1/forms}),
 * checking everything at once so that a client or the settings page sees every refused field.
 */
final class FormDefinitions {

  static final List<String> PUBLIC_FIELDS = WebForm.PUBLIC_FIELDS;
  /** At least one of these, or nobody could ever be told apart. */
  static final Set<String> CONTACT_FIELDS = Set.of("email", "phone", "mobile");
  static final Set<String> DEFAULTS = Set.of("leadSource", "campaignId", "ownerId", "teamId", "tags");
  static final List<String> LANGUAGES = List.of("fa", "ar", "en");
  static final Set<String> WRITABLE = Set.of("name", "language", "fields", "consent", "defaults", "onDuplicate",
      "redirectUrl", "redirectHosts", "allowedOrigins", "submissionsPerMinute", "active");
  static final int MAX_FIELDS = PUBLIC_FIELDS.size();
  static final int MAX_CONSENT_TEXT = 2000;

  /** A checked definition: everything of a form but its identity and times. */
  record Definition(String name, String language, List<Field> fields, @Nullable ConsentBox consent,
      Map<String, Object> defaults, OnDuplicate onDuplicate, @Nullable String redirectUrl, List<String> redirectHosts,
      List<String> allowedOrigins, @Nullable Integer submissionsPerMinute, boolean active) {}

  private FormDefinitions() {}

  /**
   * Checks a whole definition. {@code previous} is the form being edited: its consent text version
   * is kept when text and policy link are unchanged and raised otherwise.
   */
  static Definition parse(Map<String, ?> json, LeadCatalog catalog, @Nullable WebForm previous) {
    List<FieldProblem> problems = new ArrayList<>();
    for (String k : json.keySet()) {
      if (!WRITABLE.contains(k)) {
        problems.add(new FieldProblem(k, Set.of("id", "key", "version", "submissions", "createdAt", "updatedAt",
            "publicUrl", "embedHtml", "embedScript").contains(k) ? "read-only" : "unknown field"));
      }
    }
    String name = line(json.get("name"), "name", 100, true, problems);
    String language = "fa";
    Object lang = json.get("language");
    if (lang != null) {
      if (lang instanceof String s && LANGUAGES.contains(s.strip().toLowerCase(Locale.ROOT))) {
        language = s.strip().toLowerCase(Locale.ROOT);
      } else {
        problems.add(new FieldProblem("language", "one of fa, ar, en"));
      }
    }
    List<Field> fields = fields(json.get("fields"), problems);
    ConsentBox consent = consent(json.get("consent"), previous == null ? null : previous.consent(), problems);
    Map<String, Object> defaults = defaults(json.get("defaults"), catalog, problems);
    OnDuplicate onDuplicate = OnDuplicate.UPDATE;
    Object od = json.get("onDuplicate");
    if (od != null) {
      try {
        onDuplicate = OnDuplicate.valueOf(String.valueOf(od).strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        problems.add(new FieldProblem("onDuplicate", "UPDATE (the matching lead takes the answers) or SKIP"));
      }
    }
    String redirectUrl = null;
    Object ru = json.get("redirectUrl");
    if (ru != null && !(ru instanceof String s && s.isBlank())) {
      redirectUrl = webUrl(ru, "redirectUrl", problems);
    }
    List<String> hosts = hosts(json.get("redirectHosts"), problems);
    if (redirectUrl != null && hosts.isEmpty()) {
      hosts = List.of(URI.create(redirectUrl).getHost().toLowerCase(Locale.ROOT));
    } else if (redirectUrl != null && !hosts.contains(URI.create(redirectUrl).getHost().toLowerCase(Locale.ROOT))) {
      problems.add(new FieldProblem("redirectUrl", "its host must be one of redirectHosts"));
    }
    List<String> origins = origins(json.get("allowedOrigins"), problems);
    Integer perMinute = null;
    Object pm = json.get("submissionsPerMinute");
    if (pm != null) {
      if (pm instanceof Integer i && i >= 1 && i <= 100_000) {
        perMinute = i;
      } else {
        problems.add(new FieldProblem("submissionsPerMinute", "a whole number from 1 to 100000, or null for the default"));
      }
    }
    boolean active = true;
    Object a = json.get("active");
    if (a != null) {
      if (a instanceof Boolean b) {
        active = b;
      } else {
        problems.add(new FieldProblem("active", "true or false"));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInput(problems);
    }
    return new Definition(name, language, fields, consent, defaults, onDuplicate, redirectUrl, hosts, origins,
        perMinute, active);
  }

  /** The writable part of a form as the API shows it (and as a merge patch applies to). */
  static Map<String, Object> write(WebForm f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", f.name());
    m.put("language", f.language());
    m.put("fields", f.fields().stream().map(x -> {
      Map<String, Object> field = new LinkedHashMap<>();
      field.put("name", x.name());
      field.put("label", x.labels());
      field.put("required", x.required());
      return field;
    }).toList());
    if (f.consent() == null) {
      m.put("consent", null);
    } else {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("required", f.consent().required());
      c.put("text", f.consent().texts());
      c.put("textVersion", f.consent().textVersion());
      c.put("policyUrl", f.consent().policyUrl());
      m.put("consent", c);
    }
    m.put("defaults", f.defaults());
    m.put("onDuplicate", f.onDuplicate().name());
    m.put("redirectUrl", f.redirectUrl());
    m.put("redirectHosts", f.redirectHosts());
    m.put("allowedOrigins", f.allowedOrigins());
    m.put("submissionsPerMinute", f.submissionsPerMinute());
    m.put("active", f.active());
    return m;
  }

  private static List<Field> fields(@Nullable Object value, List<FieldProblem> problems) {
    if (!(value instanceof List<?> list) || list.isEmpty() || list.size() > MAX_FIELDS) {
      problems.add(new FieldProblem("fields", "1 to " + MAX_FIELDS + " fields of " + PUBLIC_FIELDS));
      return List.of();
    }
    List<Field> out = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (int i = 0; i < list.size(); i++) {
      String at = "fields[" + i + "]";
      if (!(list.get(i) instanceof Map<?, ?> f)) {
        problems.add(new FieldProblem(at, "an object {\"name\", \"label\", \"required\"}"));
        continue;
      }
      for (Object k : f.keySet()) {
        if (!Set.of("name", "label", "required").contains(k)) {
          problems.add(new FieldProblem(at + "." + k, "unknown field"));
        }
      }
      Object n = f.get("name");
      if (!(n instanceof String name) || !PUBLIC_FIELDS.contains(name)) {
        problems.add(new FieldProblem(at + ".name", "one of " + PUBLIC_FIELDS));
        continue;
      }
      if (!seen.add(name)) {
        problems.add(new FieldProblem(at + ".name", "'" + name + "' is already a field of this form"));
        continue;
      }
      Map<String, String> labels = texts(f.get("label"), at + ".label", 100, false, problems);
      Object r = f.get("required");
      if (r != null && !(r instanceof Boolean)) {
        problems.add(new FieldProblem(at + ".required", "true or false"));
      }
      out.add(new Field(name, labels, Boolean.TRUE.equals(r)));
    }
    if (!out.isEmpty() && out.stream().noneMatch(x -> CONTACT_FIELDS.contains(x.name()))) {
      problems.add(new FieldProblem("fields", "a form needs email, mobile or phone to tell people apart"));
    }
    return out;
  }

  private static @Nullable ConsentBox consent(@Nullable Object value, @Nullable ConsentBox previous,
      List<FieldProblem> problems) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof Map<?, ?> c)) {
      problems.add(new FieldProblem("consent", "an object {\"required\", \"text\", \"policyUrl\"} or null"));
      return null;
    }
    for (Object k : c.keySet()) {
      if (!Set.of("required", "text", "policyUrl", "textVersion").contains(k)) {
        problems.add(new FieldProblem("consent." + k, "unknown field"));
      }
    }
    Object r = c.get("required");
    if (r != null && !(r instanceof Boolean)) {
      problems.add(new FieldProblem("consent.required", "true or false"));
    }
    Map<String, String> texts = texts(c.get("text"), "consent.text", MAX_CONSENT_TEXT, true, problems);
    if (texts.isEmpty()) {
      problems.add(new FieldProblem("consent.text", "required: what the visitor agrees to, in the form's languages"));
    }
    String policy = c.get("policyUrl") == null ? null : webUrl(c.get("policyUrl"), "consent.policyUrl", problems);
    int version = 1;
    if (previous != null) {
      boolean same = previous.texts().equals(texts) && java.util.Objects.equals(previous.policyUrl(), policy);
      version = same ? previous.textVersion() : previous.textVersion() + 1;
    }
    return new ConsentBox(Boolean.TRUE.equals(r), texts, version, policy);
  }

  private static Map<String, Object> defaults(@Nullable Object value, LeadCatalog catalog, List<FieldProblem> problems) {
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof Map<?, ?> d)) {
      problems.add(new FieldProblem("defaults", "an object of " + DEFAULTS));
      return Map.of();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : d.entrySet()) {
      String k = String.valueOf(e.getKey());
      if (!DEFAULTS.contains(k)) {
        problems.add(new FieldProblem("defaults." + k, "one of " + DEFAULTS));
      } else if (e.getValue() != null) {
        out.put(k, e.getValue());
      }
    }
    try {
      LeadInput.parse(out, catalog);
    } catch (InvalidInput e) {
      e.problems().forEach(p -> problems.add(new FieldProblem("defaults." + p.field(), p.message())));
    }
    return out;
  }

  /** A text for every language ({@code "Name"}) or per language ({@code {"fa": "نام", "en": "Name"}}). */
  private static Map<String, String> texts(@Nullable Object value, String field, int max, boolean multiline,
      List<FieldProblem> problems) {
    Map<String, String> out = new LinkedHashMap<>();
    if (value == null || value instanceof String s && s.isBlank()) {
      return out;
    }
    if (value instanceof String s) {
      String t = checked(s, field, max, multiline, problems);
      if (t != null) {
        LANGUAGES.forEach(l -> out.put(l, t));
      }
      return out;
    }
    if (!(value instanceof Map<?, ?> map)) {
      problems.add(new FieldProblem(field, "a text, or an object of texts by language (fa, ar, en)"));
      return out;
    }
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String l = String.valueOf(e.getKey());
      if (!LANGUAGES.contains(l)) {
        problems.add(new FieldProblem(field + "." + l, "languages are fa, ar, en"));
      } else if (e.getValue() instanceof String s && !s.isBlank()) {
        String t = checked(s, field + "." + l, max, multiline, problems);
        if (t != null) {
          out.put(l, t);
        }
      } else if (e.getValue() != null && !(e.getValue() instanceof String)) {
        problems.add(new FieldProblem(field + "." + l, "a text"));
      }
    }
    return out;
  }

  private static @Nullable String checked(String s, String field, int max, boolean multiline, List<FieldProblem> problems) {
    String t = s.strip();
    boolean bad = multiline ? TextKeys.hasForbiddenControlsMultiline(t) : TextKeys.hasForbiddenControls(t);
    if (t.length() > max || bad) {
      problems.add(new FieldProblem(field, "at most " + max + " characters, no control or direction-override characters"));
      return null;
    }
    return t;
  }

  private static String line(@Nullable Object value, String field, int max, boolean required, List<FieldProblem> problems) {
    if (!(value instanceof String s) || s.isBlank()) {
      if (required || value != null) {
        problems.add(new FieldProblem(field, "required, at most " + max + " characters"));
      }
      return "";
    }
    String t = checked(s, field, max, false, problems);
    return t == null ? "" : t;
  }

  private static @Nullable String webUrl(@Nullable Object value, String field, List<FieldProblem> problems) {
    try {
      String s = String.valueOf(value).strip();
      URI uri = new URI(s);
      boolean web = "https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme());
      if (web && uri.getHost() != null && uri.getUserInfo() == null && s.length() <= 2000
          && !TextKeys.hasForbiddenControls(s)) {
        return s;
      }
    } catch (java.net.URISyntaxException e) {
      // reported below
    }
    problems.add(new FieldProblem(field, "an http(s) address such as https://www.example.com/thanks"));
    return null;
  }

  private static List<String> hosts(@Nullable Object value, List<FieldProblem> problems) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list) || list.size() > 20) {
      problems.add(new FieldProblem("redirectHosts", "up to 20 host names such as www.example.com"));
      return List.of();
    }
    Set<String> out = new LinkedHashSet<>();
    for (Object o : list) {
      String h = o == null ? "" : String.valueOf(o).strip().toLowerCase(Locale.ROOT);
      if (!h.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*") || h.length() > 253) {
        problems.add(new FieldProblem("redirectHosts", "not a host name: " + o));
      } else {
        out.add(h);
      }
    }
    return List.copyOf(out);
  }

  /** Origins as browsers send them: scheme, host and port, lower case, no path. */
  private static List<String> origins(@Nullable Object value, List<FieldProblem> problems) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list) || list.size() > 20) {
      problems.add(new FieldProblem("allowedOrigins", "up to 20 origins such as https://www.example.com"));
      return List.of();
    }
    Set<String> out = new LinkedHashSet<>();
    for (Object o : list) {
      try {
        URI uri = new URI(o == null ? "" : String.valueOf(o).strip());
        boolean web = "https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme());
        String path = uri.getRawPath();
        if (web && uri.getHost() != null && (path == null || path.isEmpty() || path.equals("/"))
            && uri.getRawQuery() == null && uri.getUserInfo() == null) {
          out.add((uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()))
              .toLowerCase(Locale.ROOT));
          continue;
        }
      } catch (java.net.URISyntaxException e) {
        // reported below
      }
      problems.add(new FieldProblem("allowedOrigins", "not an origin: " + o));
    }
    return List.copyOf(out);
  }
}
