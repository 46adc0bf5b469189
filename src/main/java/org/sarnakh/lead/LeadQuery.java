package org.sarnakh.lead;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.InvalidInput.FieldProblem;
import org.sarnakh.platform.Secrets;
import org.sarnakh.platform.text.TextKeys;

/**
 * A lead list request: filters, sort and keyset position, read strictly from query parameters
 * (unknown or malformed parameters are refused, PRODUCT.md §9).
 */
public record LeadQuery(Filters filters, Sort sort, int limit, @Nullable Cursor after) {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;

  /** What to match; null or empty means no restriction. */
  public record Filters(@Nullable String q, Set<LeadStatus> status, @Nullable String ownerId, List<String> leadSource,
      List<String> rating, List<String> industry, List<String> tag, @Nullable UUID campaignId, List<String> country,
      @Nullable String city, @Nullable Integer scoreMin, @Nullable Integer scoreMax, @Nullable Instant createdFrom,
      @Nullable Instant createdTo, Set<LifecycleStage> lifecycleStage, @Nullable UUID teamId, @Nullable UUID segmentId,
      boolean deleted) {

    public static Filters none() {
      return new Filters(null, Set.of(), null, List.of(), List.of(), List.of(), List.of(), null, List.of(), null, null,
          null, null, null, Set.of(), null, null, false);
    }

    /** These filters with the status filter replaced. */
    public Filters withStatus(Set<LeadStatus> statuses) {
      return new Filters(q, statuses, ownerId, leadSource, rating, industry, tag, campaignId, country, city, scoreMin,
          scoreMax, createdFrom, createdTo, lifecycleStage, teamId, segmentId, deleted);
    }

    /** These filters with the owner filter replaced (a user id, {@code me} or {@code none}). */
    public Filters withOwner(@Nullable String owner) {
      return new Filters(q, status, owner, leadSource, rating, industry, tag, campaignId, country, city, scoreMin,
          scoreMax, createdFrom, createdTo, lifecycleStage, teamId, segmentId, deleted);
    }

    /** These filters over the trash ({@code true}) or over the leads not deleted. */
    public Filters withDeleted(boolean inTrash) {
      return new Filters(q, status, ownerId, leadSource, rating, industry, tag, campaignId, country, city, scoreMin,
          scoreMax, createdFrom, createdTo, lifecycleStage, teamId, segmentId, inTrash);
    }

    /** A stable fingerprint, so that a cursor cannot be replayed against other filters. */
    String fingerprint() {
      return Secrets.sha256(toString()).substring(0, 16);
    }
  }

  /** Sortable columns by API name. */
  public enum SortKey {
    createdAt, updatedAt, firstName, lastName, accountName, email, status, rating, leadSource, industry, ownerId,
    city, country, title, score, companySize, lifecycleStage
  }

  public record Sort(SortKey key, boolean descending) {
    public static final Sort DEFAULT = new Sort(SortKey.createdAt, true);

    public String asParameter() {
      return (descending ? "-" : "") + key.name();
    }
  }

  /** Where the previous page ended: the sort value (as text, null for a null value) and the id. */
  public record Cursor(@Nullable String value, UUID id) {}

  static final Set<String> PARAMETERS = Set.of("q", "status", "ownerId", "leadSource", "rating", "industry", "tag",
      "campaignId", "country", "city", "scoreMin", "scoreMax", "createdFrom", "createdTo", "lifecycleStage", "teamId",
      "segmentId", "deleted", "limit", "cursor", "sort");

  /** Parameters that only position a page; every other one is a filter. */
  static final Set<String> PAGING = Set.of("limit", "cursor", "sort");

  public static LeadQuery parse(Map<String, List<String>> params) {
    List<FieldProblem> problems = new ArrayList<>();
    for (String name : params.keySet()) {
      if (!PARAMETERS.contains(name)) {
        problems.add(new FieldProblem(name, "unknown parameter"));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInput(problems);
    }
    Filters filters = filters(params, problems);
    Sort sort = Sort.DEFAULT;
    String sortParam = one(params, "sort", problems);
    if (sortParam != null) {
      boolean desc = sortParam.startsWith("-");
      try {
        sort = new Sort(SortKey.valueOf(desc ? sortParam.substring(1) : sortParam), desc);
      } catch (IllegalArgumentException e) {
        problems.add(new FieldProblem("sort", "unknown sort field; one of " + List.of(SortKey.values())));
      }
    }
    int limit = DEFAULT_LIMIT;
    String limitParam = one(params, "limit", problems);
    if (limitParam != null) {
      try {
        limit = Integer.parseInt(limitParam);
        if (limit < 1 || limit > MAX_LIMIT) {
          problems.add(new FieldProblem("limit", "between 1 and " + MAX_LIMIT));
        }
      } catch (NumberFormatException e) {
        problems.add(new FieldProblem("limit", "a whole number between 1 and " + MAX_LIMIT));
      }
    }
    Cursor cursor = null;
    String cursorParam = one(params, "cursor", problems);
    if (!problems.isEmpty()) {
      throw new InvalidInput(problems);
    }
    if (cursorParam != null) {
      cursor = decodeCursor(cursorParam, sort, filters);
    }
    return new LeadQuery(filters, sort, limit, cursor);
  }

  /** Filters only (for export and mass update), refusing paging parameters. */
  public static Filters parseFilters(Map<String, List<String>> params) {
    List<FieldProblem> problems = new ArrayList<>();
    for (String name : params.keySet()) {
      if (!PARAMETERS.contains(name) || PAGING.contains(name)) {
        problems.add(new FieldProblem(name, "unknown parameter"));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInput(problems);
    }
    Filters f = filters(params, problems);
    if (!problems.isEmpty()) {
      throw new InvalidInput(problems);
    }
    return f;
  }

  public String encodeCursor(@Nullable String value, UUID id) {
    String raw = sort.asParameter() + "\n" + filters.fingerprint() + "\n" + id + "\n" + (value == null ? "\u0000" : value);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  static Cursor decodeCursor(String token, Sort sort, Filters filters) {
    String raw;
    try {
      raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw InvalidInput.of("cursor", "not a cursor of this list");
    }
    String[] parts = raw.split("\n", 4);
    if (parts.length != 4) {
      throw InvalidInput.of("cursor", "not a cursor of this list");
    }
    if (!parts[0].equals(sort.asParameter()) || !parts[1].equals(filters.fingerprint())) {
      throw InvalidInput.of("cursor", "the cursor belongs to a different sort or filter; start again without it");
    }
    UUID id;
    try {
      id = UUID.fromString(parts[2]);
    } catch (IllegalArgumentException e) {
      throw InvalidInput.of("cursor", "not a cursor of this list");
    }
    String value = "\u0000".equals(parts[3]) ? null : parts[3];
    if (value != null && !validCursorValue(sort.key(), value)) {
      throw InvalidInput.of("cursor", "not a cursor of this list");
    }
    return new Cursor(value, id);
  }

  private static boolean validCursorValue(SortKey key, String value) {
    try {
      switch (key) {
        case createdAt, updatedAt -> Instant.parse(value);
        case score, companySize -> Integer.parseInt(value);
        case ownerId -> UUID.fromString(value);
        default -> {
          return value.length() <= 1000;
        }
      }
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static Filters filters(Map<String, List<String>> p, List<FieldProblem> problems) {
    String q = one(p, "q", problems);
    if (q != null) {
      q = q.strip();
      if (q.length() > 200) {
        problems.add(new FieldProblem("q", "at most 200 characters"));
      }
      q = q.isEmpty() ? null : q;
    }
    Set<LeadStatus> status = EnumSet.noneOf(LeadStatus.class);
    for (String s : many(p, "status")) {
      try {
        status.add(LeadStatus.valueOf(s.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        problems.add(new FieldProblem("status", "unknown status '" + s + "'"));
      }
    }
    Set<LifecycleStage> stages = EnumSet.noneOf(LifecycleStage.class);
    for (String s : many(p, "lifecycleStage")) {
      try {
        stages.add(LifecycleStage.valueOf(s.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        problems.add(new FieldProblem("lifecycleStage", "unknown stage '" + s + "'"));
      }
    }
    String owner = one(p, "ownerId", problems);
    if (owner != null && !owner.equals("me") && !owner.equals("none") && uuid(owner) == null) {
      problems.add(new FieldProblem("ownerId", "a user id, 'me' or 'none'"));
    }
    List<String> rating = many(p, "rating").stream().map(s -> s.toUpperCase(Locale.ROOT)).toList();
    for (String r : rating) {
      if (!Set.of("HOT", "WARM", "COLD").contains(r)) {
        problems.add(new FieldProblem("rating", "one of HOT, WARM, COLD"));
      }
    }
    List<String> country = many(p, "country").stream().map(s -> s.toUpperCase(Locale.ROOT)).toList();
    for (String c : country) {
      if (!c.matches("[A-Z]{2}")) {
        problems.add(new FieldProblem("country", "an ISO 3166 alpha-2 code"));
      }
    }
    List<String> codes = new ArrayList<>();
    codes.addAll(many(p, "leadSource"));
    codes.addAll(many(p, "industry"));
    for (String c : codes) {
      if (!c.matches("[a-z0-9_]{1,50}")) {
        problems.add(new FieldProblem(p.containsKey("leadSource") && many(p, "leadSource").contains(c) ? "leadSource"
            : "industry", "a code in lower snake case"));
      }
    }
    List<String> tags = many(p, "tag");
    for (String t : tags) {
      if (t.length() > 50 || TextKeys.hasForbiddenControls(t)) {
        problems.add(new FieldProblem("tag", "at most 50 characters"));
      }
    }
    String city = one(p, "city", problems);
    if (city != null && (city.length() > 100 || TextKeys.hasForbiddenControls(city))) {
      problems.add(new FieldProblem("city", "at most 100 characters"));
    }
    return new Filters(q, status, owner, many(p, "leadSource"), rating, many(p, "industry"), tags,
        uuidParam(p, "campaignId", problems), country, city, intParam(p, "scoreMin", problems),
        intParam(p, "scoreMax", problems), instantParam(p, "createdFrom", false, problems),
        instantParam(p, "createdTo", true, problems), stages, uuidParam(p, "teamId", problems),
        uuidParam(p, "segmentId", problems), boolParam(p, "deleted", problems));
  }

  private static @Nullable String one(Map<String, List<String>> p, String name, List<FieldProblem> problems) {
    List<String> values = p.get(name);
    if (values == null || values.isEmpty()) {
      return null;
    }
    if (values.size() > 1) {
      problems.add(new FieldProblem(name, "given more than once"));
    }
    return values.get(0);
  }

  /** Repeated parameters and comma-separated values both mean "any of". */
  private static List<String> many(Map<String, List<String>> p, String name) {
    List<String> out = new ArrayList<>();
    for (String v : p.getOrDefault(name, List.of())) {
      for (String part : v.split(",")) {
        if (!part.isBlank()) {
          out.add(part.strip());
        }
      }
    }
    return out;
  }

  private static @Nullable UUID uuid(String s) {
    try {
      return UUID.fromString(s);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static @Nullable UUID uuidParam(Map<String, List<String>> p, String name, List<FieldProblem> problems) {
    String v = one(p, name, problems);
    if (v == null) {
      return null;
    }
    UUID id = uuid(v);
    if (id == null) {
      problems.add(new FieldProblem(name, "a UUID"));
    }
    return id;
  }

  private static @Nullable Integer intParam(Map<String, List<String>> p, String name, List<FieldProblem> problems) {
    String v = one(p, name, problems);
    if (v == null) {
      return null;
    }
    try {
      // Integer.parseInt reads Persian and Arabic-Indic digits as well as ASCII ones.
      return Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      problems.add(new FieldProblem(name, "a whole number"));
      return null;
    }
  }

  private static boolean boolParam(Map<String, List<String>> p, String name, List<FieldProblem> problems) {
    String v = one(p, name, problems);
    if (v == null) {
      return false;
    }
    if (!v.equals("true") && !v.equals("false")) {
      problems.add(new FieldProblem(name, "true or false"));
    }
    return v.equals("true");
  }

  /** An instant, or a date meaning its start (from) or its end (to) in UTC. */
  private static @Nullable Instant instantParam(Map<String, List<String>> p, String name, boolean endOfDay,
      List<FieldProblem> problems) {
    String v = one(p, name, problems);
    if (v == null) {
      return null;
    }
    try {
      return Instant.parse(v);
    } catch (DateTimeParseException e) {
      try {
        LocalDate d = LocalDate.parse(v);
        return (endOfDay ? d.plusDays(1) : d).atStartOfDay().toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e2) {
        problems.add(new FieldProblem(name, "an ISO-8601 instant or date"));
        return null;
      }
    }
  }

  /** The parameters that reproduce these filters (for export links and the list page). */
  public static Map<String, String> describe(Filters f) {
    Map<String, String> m = new LinkedHashMap<>();
    if (f.q() != null) m.put("q", f.q());
    if (!f.status().isEmpty()) m.put("status", String.join(",", f.status().stream().map(Enum::name).toList()));
    if (f.ownerId() != null) m.put("ownerId", f.ownerId());
    if (!f.leadSource().isEmpty()) m.put("leadSource", String.join(",", f.leadSource()));
    if (!f.rating().isEmpty()) m.put("rating", String.join(",", f.rating()));
    if (!f.industry().isEmpty()) m.put("industry", String.join(",", f.industry()));
    if (!f.tag().isEmpty()) m.put("tag", String.join(",", f.tag()));
    if (f.campaignId() != null) m.put("campaignId", f.campaignId().toString());
    if (!f.country().isEmpty()) m.put("country", String.join(",", f.country()));
    if (f.city() != null) m.put("city", f.city());
    if (f.scoreMin() != null) m.put("scoreMin", f.scoreMin().toString());
    if (f.scoreMax() != null) m.put("scoreMax", f.scoreMax().toString());
    if (f.createdFrom() != null) m.put("createdFrom", f.createdFrom().toString());
    if (f.createdTo() != null) m.put("createdTo", f.createdTo().toString());
    if (!f.lifecycleStage().isEmpty()) m.put("lifecycleStage", String.join(",", f.lifecycleStage().stream().map(Enum::name).toList()));
    if (f.teamId() != null) m.put("teamId", f.teamId().toString());
    if (f.segmentId() != null) m.put("segmentId", f.segmentId().toString());
    if (f.deleted()) m.put("deleted", "true");
    return new TreeMap<>(m);
  }
}
