package org.sarnakh.conversion;

import static org.sarnakh.platform.db.Tables.CONVERSION_SETTING;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.sarnakh.conversion.FieldMapping.Policy;
import org.sarnakh.conversion.FieldMapping.Rule;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.identity.Role;
import org.sarnakh.platform.ApiTime;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.InvalidInput.FieldProblem;
import org.sarnakh.platform.RuleViolation;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The administrator's field mapping. What an administrator saved decides for every lead field it
 * names (by a rule or an unmapped policy); a field it does not name keeps its default, so custom
 * fields defined later are carried too. A mapping whose types do not fit is refused when saved.
 */
@Service
public class FieldMappings {

  static final String NAME = "mapping";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** The stored document: rules and unmapped policies by source. */
  record Document(List<Rule> rules, Map<String, Policy> unmapped) {}

  private final DSLContext db;
  private final MappingCatalog catalog;
  private final Clock clock;

  FieldMappings(DSLContext db, MappingCatalog catalog, Clock clock) {
    this.db = db;
    this.catalog = catalog;
    this.clock = clock;
  }

  /** The mapping in force: every source with its rules or, without any, its unmapped policy. */
  @Transactional(readOnly = true)
  public FieldMapping effective() {
    Document saved = saved();
    Set<String> decided = new LinkedHashSet<>();
    saved.rules().forEach(r -> decided.add(r.source()));
    decided.addAll(saved.unmapped().keySet());
    List<Rule> rules = new ArrayList<>();
    Map<String, Policy> unmapped = new LinkedHashMap<>();
    for (MappingField source : catalog.sources()) {
      String s = source.name();
      if (decided.contains(s)) {
        saved.rules().stream().filter(r -> r.source().equals(s)).forEach(rules::add);
        if (saved.unmapped().containsKey(s)) {
          unmapped.put(s, saved.unmapped().get(s));
        }
      } else {
        catalog.defaultTargets(s).forEach(t -> rules.add(new Rule(s, t)));
      }
      if (rules.stream().noneMatch(r -> r.source().equals(s))) {
        unmapped.putIfAbsent(s, Policy.NOTE);
      }
    }
    return new FieldMapping(rules, unmapped);
  }

  /**
   * Saves the administrator's mapping. Unknown fields or policies are a 400; a rule whose source
   * cannot fill its target (a text into an amount, an email into a phone, a longer text into a
   * shorter one) or a target filled twice is a 422 naming the rule.
   */
  @Transactional
  public FieldMapping save(Map<String, ?> body, CurrentUser user) {
    if (!user.is(Role.ADMIN)) {
      throw new AccessDeniedException("the field mapping is an administrator's setting");
    }
    Document doc = parse(body);
    String json = JSON.writeValueAsString(doc);
    var now = ApiTime.truncate(clock.instant());
    int n = db.update(CONVERSION_SETTING).set(CONVERSION_SETTING.BODY, json).set(CONVERSION_SETTING.UPDATED_AT, now)
        .set(CONVERSION_SETTING.UPDATED_BY, user.id()).where(CONVERSION_SETTING.NAME.eq(NAME)).execute();
    if (n == 0) {
      db.insertInto(CONVERSION_SETTING).set(CONVERSION_SETTING.NAME, NAME).set(CONVERSION_SETTING.BODY, json)
          .set(CONVERSION_SETTING.UPDATED_AT, now).set(CONVERSION_SETTING.UPDATED_BY, user.id()).execute();
    }
    return effective();
  }

  /** Forgets the administrator's mapping: every field back to its default. */
  @Transactional
  public FieldMapping reset(CurrentUser user) {
    if (!user.is(Role.ADMIN)) {
      throw new AccessDeniedException("the field mapping is an administrator's setting");
    }
    db.deleteFrom(CONVERSION_SETTING).where(CONVERSION_SETTING.NAME.eq(NAME)).execute();
    return effective();
  }

  private Document saved() {
    String body = db.select(CONVERSION_SETTING.BODY).from(CONVERSION_SETTING).where(CONVERSION_SETTING.NAME.eq(NAME))
        .fetchOne(CONVERSION_SETTING.BODY);
    return body == null ? new Document(List.of(), Map.of()) : JSON.readValue(body, Document.class);
  }

  private Document parse(Map<String, ?> body) {
    List<FieldProblem> malformed = new ArrayList<>();
    List<FieldProblem> refused = new ArrayList<>();
    for (String key : body.keySet()) {
      if (!key.equals("rules") && !key.equals("unmapped")) {
        malformed.add(new FieldProblem(key, "unknown field"));
      }
    }
    Map<String, MappingField> sources = new HashMap<>();
    catalog.sources().forEach(s -> sources.put(s.name(), s));
    List<Rule> rules = new ArrayList<>();
    Map<String, String> filled = new HashMap<>();
    Object rawRules = body.get("rules");
    if (rawRules != null && !(rawRules instanceof List)) {
      malformed.add(new FieldProblem("rules", "a list of {\"source\", \"target\"}"));
    }
    List<?> list = rawRules instanceof List<?> l ? l : List.of();
    for (int i = 0; i < list.size(); i++) {
      String at = "rules[" + i + "]";
      if (!(list.get(i) instanceof Map<?, ?> m) || !(m.get("source") instanceof String s)
          || !(m.get("target") instanceof String t)) {
        malformed.add(new FieldProblem(at, "an object {\"source\", \"target\"}"));
        continue;
      }
      MappingField source = sources.get(s);
      var target = catalog.target(t);
      if (source == null) {
        malformed.add(new FieldProblem(at + ".source", "unknown lead field '" + s + "'"));
      }
      if (target.isEmpty()) {
        malformed.add(new FieldProblem(at + ".target", "unknown record field '" + t + "'"));
      }
      if (source == null || target.isEmpty()) {
        continue;
      }
      String why = target.get().refuses(source);
      if (why != null) {
        refused.add(new FieldProblem(at, why));
      } else if (filled.containsKey(t)) {
        refused.add(new FieldProblem(at, t + " is already filled from " + filled.get(t)));
      } else {
        filled.put(t, s);
        rules.add(new Rule(s, t));
      }
    }
    Map<String, Policy> unmapped = new LinkedHashMap<>();
    Object rawUnmapped = body.get("unmapped");
    if (rawUnmapped instanceof Map<?, ?> m) {
      m.forEach((k, v) -> {
        String s = String.valueOf(k);
        if (!sources.containsKey(s)) {
          malformed.add(new FieldProblem("unmapped." + s, "unknown lead field"));
        } else if (v == null || !Set.of("NOTE", "REFUSE").contains(String.valueOf(v).toUpperCase(Locale.ROOT))) {
          malformed.add(new FieldProblem("unmapped." + s, "NOTE or REFUSE"));
        } else {
          unmapped.put(s, Policy.valueOf(String.valueOf(v).toUpperCase(Locale.ROOT)));
        }
      });
    } else if (rawUnmapped != null) {
      malformed.add(new FieldProblem("unmapped", "an object {\"<lead field>\": \"NOTE\" | \"REFUSE\"}"));
    }
    if (!malformed.isEmpty()) {
      throw new InvalidInput(malformed);
    }
    if (!refused.isEmpty()) {
      throw new RuleViolation("mapping-type-mismatch", refused.get(0).field() + ": " + refused.get(0).message(),
          refused);
    }
    return new Document(rules, unmapped);
  }

  static @Nullable String describe(FieldMapping mapping) {
    return JSON.writeValueAsString(new Document(mapping.rules(), mapping.unmapped()));
  }
}
