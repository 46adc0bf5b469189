package org.sarnakh.routing;

import static org.sarnakh.platform.db.Tables.ROUTING_RULE;
import static org.sarnakh.platform.db.Tables.ROUTING_SETTING;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.sarnakh.identity.UserDirectory;
import org.sarnakh.lead.LeadCatalog;
import org.sarnakh.lead.LifecycleStage;
import org.sarnakh.platform.ApiTime;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.InvalidInput.FieldProblem;
import org.sarnakh.platform.NotFound;
import org.sarnakh.platform.RuleViolation;
import org.sarnakh.platform.StaleVersion;
import org.sarnakh.platform.db.tables.records.RoutingRuleRecord;
import org.sarnakh.platform.text.TextKeys;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ordered routing rules (first match wins), their checks and the default owner or queue.
 * Routing reads the active rules from memory; every change bumps a version in the database, so
 * each node reloads them on its next routing batch.
 */
@Service
public class RoutingRules {

  /** Where a lead goes that no rule routes: a rep, else a team's pool, else nowhere (it stays unrouted). */
  public record Defaults(@Nullable UUID ownerId, @Nullable UUID teamId, long rulesVersion, long version) {}

  private record Snapshot(long version, List<RoutingRule> active) {}

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<List<Map<String, Object>>> LIST = new TypeReference<>() {};
  private static final Set<String> KEYS = Set.of("name", "active", "conditions", "strategy", "pool", "slaMinutes");

  private final DSLContext db;
  private final UserDirectory users;
  private final LeadCatalog catalog;
  private final Clock clock;
  private volatile Snapshot cache = new Snapshot(-1, List.of());

  RoutingRules(DSLContext db, UserDirectory users, LeadCatalog catalog, Clock clock) {
    this.db = db;
    this.users = users;
    this.catalog = catalog;
    this.clock = clock;
  }

  public List<RoutingRule> list() {
    return db.selectFrom(ROUTING_RULE).orderBy(ROUTING_RULE.POSITION, ROUTING_RULE.ID).fetch(RoutingRules::rule);
  }

  public RoutingRule get(UUID id) {
    return db.selectFrom(ROUTING_RULE).where(ROUTING_RULE.ID.eq(id)).fetchOptional(RoutingRules::rule)
        .orElseThrow(() -> new NotFound("routing rule"));
  }

  public Defaults defaults() {
    var r = db.selectFrom(ROUTING_SETTING).where(ROUTING_SETTING.ID.eq(1)).fetchSingle();
    return new Defaults(r.getDefaultOwnerId(), r.getDefaultTeamId(), r.getRulesVersion(), r.getVersion());
  }

  /** The active rules in order, from memory while {@code rulesVersion} is the one they were read at. */
  public List<RoutingRule> active(long rulesVersion) {
    Snapshot s = cache;
    if (s.version() != rulesVersion) {
      List<RoutingRule> rules = list().stream().filter(RoutingRule::active).toList();
      s = new Snapshot(rulesVersion, rules);
      cache = s;
    }
    return s.active();
  }

  /** Whether any active rule exists: routing on create and on qualification starts only then. */
  public boolean any() {
    return !active(defaults().rulesVersion()).isEmpty();
  }

  @Transactional
  public RoutingRule create(Map<String, ?> json) {
    Draft d = check(json, null);
    UUID id = UUID.randomUUID();
    Instant now = ApiTime.truncate(clock.instant());
    Integer last = db.select(org.jooq.impl.DSL.max(ROUTING_RULE.POSITION)).from(ROUTING_RULE).fetchOne().value1();
    RoutingRuleRecord r = db.newRecord(ROUTING_RULE);
    write(d, r);
    r.setId(id);
    r.setPosition(last == null ? 1 : last + 1);
    r.setVersion(0L);
    r.setCreatedAt(now);
    r.setUpdatedAt(now);
    r.insert();
    bump();
    return get(id);
  }

  /** Applies a merge patch of the rule's fields (a given field replaces the stored one whole). */
  @Transactional
  public RoutingRule edit(UUID id, Map<String, ?> patch, @Nullable Long ifMatch) {
    RoutingRule current = get(id);
    if (ifMatch != null && ifMatch != current.version()) {
      throw new StaleVersion(ifMatch, current.version());
    }
    Map<String, Object> merged = new LinkedHashMap<>(view(current));
    patch.forEach((k, v) -> merged.put(k, v));
    for (String key : patch.keySet()) {
      if (!KEYS.contains(key)) {
        throw InvalidInput.of(key, "unknown field");
      }
    }
    merged.keySet().retainAll(KEYS);
    Draft d = check(merged, id);
    RoutingRuleRecord r = db.newRecord(ROUTING_RULE);
    write(d, r);
    r.setVersion(current.version() + 1);
    r.setUpdatedAt(ApiTime.truncate(clock.instant()));
    int n = db.update(ROUTING_RULE).set(r).where(ROUTING_RULE.ID.eq(id).and(ROUTING_RULE.VERSION.eq(current.version())))
        .execute();
    if (n == 0) {
      throw new StaleVersion(current.version(), current.version() + 1);
    }
    bump();
    return get(id);
  }

  @Transactional
  public void delete(UUID id) {
    if (db.deleteFrom(ROUTING_RULE).where(ROUTING_RULE.ID.eq(id)).execute() == 0) {
      throw new NotFound("routing rule");
    }
    bump();
  }

  /** Puts the rules in the order of {@code ids}, which must name every rule once. */
  @Transactional
  public List<RoutingRule> reorder(List<?> ids) {
    List<RoutingRule> rules = list();
    Set<String> known = new HashSet<>();
    rules.forEach(r -> known.add(r.id().toString()));
    Set<String> given = new HashSet<>();
    for (Object o : ids) {
      given.add(String.valueOf(o));
    }
    if (ids.size() != rules.size() || !given.equals(known)) {
      throw InvalidInput.of("ids", "list every routing rule's id once, in the new order");
    }
    var batch = db.batch(db.update(ROUTING_RULE).set(ROUTING_RULE.POSITION, (Integer) null)
        .where(ROUTING_RULE.ID.eq((UUID) null)));
    for (int i = 0; i < ids.size(); i++) {
      batch.bind(i + 1, UUID.fromString(String.valueOf(ids.get(i))));
    }
    batch.execute();
    bump();
    return list();
  }

  @Transactional
  public Defaults setDefaults(Map<String, ?> patch, @Nullable Long ifMatch) {
    Defaults d = defaults();
    if (ifMatch != null && ifMatch != d.version()) {
      throw new StaleVersion(ifMatch, d.version());
    }
    UUID owner = d.ownerId();
    UUID team = d.teamId();
    for (var e : patch.entrySet()) {
      switch (e.getKey()) {
        case "defaultOwnerId" -> {
          owner = uuid("defaultOwnerId", e.getValue());
          if (owner != null && !users.isActiveUser(owner)) {
            throw new RuleViolation("unknown-user", "defaultOwnerId: no active user " + owner);
          }
        }
        case "defaultTeamId" -> {
          team = uuid("defaultTeamId", e.getValue());
          if (team != null && !users.teamExists(team)) {
            throw new RuleViolation("unknown-team", "defaultTeamId: no team " + team);
          }
        }
        default -> throw InvalidInput.of(e.getKey(), "unknown field");
      }
    }
    db.update(ROUTING_SETTING).set(ROUTING_SETTING.DEFAULT_OWNER_ID, owner).set(ROUTING_SETTING.DEFAULT_TEAM_ID, team)
        .set(ROUTING_SETTING.VERSION, ROUTING_SETTING.VERSION.plus(1)).where(ROUTING_SETTING.ID.eq(1)).execute();
    return defaults();
  }

  private void bump() {
    db.update(ROUTING_SETTING).set(ROUTING_SETTING.RULES_VERSION, ROUTING_SETTING.RULES_VERSION.plus(1))
        .where(ROUTING_SETTING.ID.eq(1)).execute();
  }

  /** The rule as the API shows and takes it. */
  public static Map<String, Object> view(RoutingRule r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", r.name());
    m.put("active", r.active());
    m.put("conditions", conditionsJson(r.conditions()));
    m.put("strategy", r.strategy().name());
    Map<String, Object> pool = new LinkedHashMap<>();
    if (r.poolTeam() != null) {
      pool.put("teamId", r.poolTeam().toString());
    } else {
      pool.put("users", r.poolUsers().stream().map(u -> Map.<String, Object>of("userId", u.userId().toString(),
          "weight", u.weight())).toList());
    }
    m.put("pool", pool);
    m.put("slaMinutes", r.slaMinutes());
    return m;
  }

  private record Draft(String name, boolean active, List<RuleCondition> conditions, Strategy strategy,
      @Nullable UUID team, List<RoutingRule.Member> members, @Nullable Integer sla) {}

  /** Checks a rule: malformed input is a 400 naming the field, references to what does not exist a 422. */
  private Draft check(Map<String, ?> json, @Nullable UUID id) {
    List<FieldProblem> problems = new ArrayList<>();
    for (String key : json.keySet()) {
      if (!KEYS.contains(key)) {
        problems.add(new FieldProblem(key, "unknown field"));
      }
    }
    String name = json.get("name") instanceof String s ? s.strip() : "";
    if (name.isEmpty() || name.length() > 200 || TextKeys.hasForbiddenControls(name)) {
      problems.add(new FieldProblem("name", "a name of 1 to 200 characters"));
    }
    Object activeValue = json.containsKey("active") ? json.get("active") : Boolean.TRUE;
    if (!(activeValue instanceof Boolean)) {
      problems.add(new FieldProblem("active", "true or false"));
    }
    Strategy strategy = json.get("strategy") instanceof String s ? Strategy.named(s) : null;
    if (strategy == null) {
      problems.add(new FieldProblem("strategy", "one of ROUND_ROBIN, WEIGHTED, LEAST_LOADED, BEST_FIT, FIXED"));
    }
    Integer sla = null;
    if (json.get("slaMinutes") != null) {
      if (json.get("slaMinutes") instanceof Integer i && i >= 1 && i <= 10_080) {
        sla = i;
      } else {
        problems.add(new FieldProblem("slaMinutes", "whole minutes from 1 to 10080 (a week), or null"));
      }
    }
    List<RuleCondition> conditions = conditions(json.get("conditions"), problems);
    UUID team = null;
    List<RoutingRule.Member> members = new ArrayList<>();
    if (!(json.get("pool") instanceof Map<?, ?> pool)) {
      problems.add(new FieldProblem("pool", "{\"teamId\": …} or {\"users\": [{\"userId\": …, \"weight\": 1}]}"));
    } else {
      team = pool(pool, members, problems);
    }
    if (!problems.isEmpty()) {
      throw new InvalidInput(problems);
    }
    if (strategy == Strategy.WEIGHTED && team != null) {
      throw InvalidInput.of("pool", "a weighted rule lists its users with their weights");
    }
    references(conditions, team, members);
    return new Draft(name, (Boolean) activeValue, conditions, strategy, team, members, sla);
  }

  private List<RuleCondition> conditions(@Nullable Object value, List<FieldProblem> problems) {
    List<RuleCondition> out = new ArrayList<>();
    if (value == null) {
      return out;
    }
    if (!(value instanceof List<?> list) || list.size() > 20) {
      problems.add(new FieldProblem("conditions", "a list of at most 20 conditions"));
      return out;
    }
    for (int i = 0; i < list.size(); i++) {
      String at = "conditions[" + i + "]";
      if (!(list.get(i) instanceof Map<?, ?> c) || !(c.get("field") instanceof String field)
          || !(c.get("op") instanceof String opName)) {
        problems.add(new FieldProblem(at, "{\"field\", \"op\", \"values\": […]}"));
        continue;
      }
      RuleCondition.Op op;
      try {
        op = RuleCondition.Op.valueOf(opName.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        problems.add(new FieldProblem(at + ".op", "one of in, notIn, gte, lte, between"));
        continue;
      }
      List<String> values = new ArrayList<>();
      if (!(c.get("values") instanceof List<?> vs) || vs.isEmpty() || vs.size() > 100) {
        problems.add(new FieldProblem(at + ".values", "a list of 1 to 100 values"));
        continue;
      }
      vs.forEach(v -> values.add(String.valueOf(v).strip()));
      RuleCondition rc = new RuleCondition(field, op, values);
      int want = switch (op) {
        case GTE, LTE -> 1;
        case BETWEEN -> 2;
        default -> -1;
      };
      if (want > 0 && values.size() != want) {
        problems.add(new FieldProblem(at + ".values", op.name().toLowerCase(Locale.ROOT) + " takes " + want + " value(s)"));
        continue;
      }
      if (want > 0 && !rc.numeric()) {
        problems.add(new FieldProblem(at + ".op", "gte, lte and between apply to number fields: "
            + RuleCondition.NUMBER_FIELDS));
        continue;
      }
      if (rc.numeric() && values.stream().anyMatch(v -> !isNumber(v))) {
        problems.add(new FieldProblem(at + ".values", "numbers"));
        continue;
      }
      if (field.equals("lifecycleStage") && values.stream().anyMatch(v -> !isStage(v))) {
        problems.add(new FieldProblem(at + ".values", "lifecycle stages: SUBSCRIBER, LEAD, MQL, SQL, OPPORTUNITY, CUSTOMER"));
        continue;
      }
      out.add(rc);
    }
    return out;
  }

  private static @Nullable UUID pool(Map<?, ?> pool, List<RoutingRule.Member> members, List<FieldProblem> problems) {
    UUID team = null;
    if (pool.get("teamId") != null) {
      team = uuidOr(pool.get("teamId"), "pool.teamId", problems);
    }
    if (pool.get("users") instanceof List<?> list) {
      if (team != null) {
        problems.add(new FieldProblem("pool", "a team or a list of users, not both"));
      }
      Set<UUID> seen = new HashSet<>();
      for (int i = 0; i < list.size(); i++) {
        String at = "pool.users[" + i + "]";
        if (!(list.get(i) instanceof Map<?, ?> m)) {
          problems.add(new FieldProblem(at, "{\"userId\", \"weight\"}"));
          continue;
        }
        UUID user = uuidOr(m.get("userId"), at + ".userId", problems);
        Object w = m.containsKey("weight") ? m.get("weight") : Integer.valueOf(1);
        if (!(w instanceof Integer weight) || weight <= 0 || weight > 1000) {
          problems.add(new FieldProblem(at + ".weight", "a whole number from 1 to 1000"));
          continue;
        }
        if (user != null && !seen.add(user)) {
          problems.add(new FieldProblem(at + ".userId", "listed twice"));
        } else if (user != null) {
          members.add(new RoutingRule.Member(user, weight));
        }
      }
      if (list.isEmpty() || list.size() > 500) {
        problems.add(new FieldProblem("pool.users", "1 to 500 users"));
      }
    } else if (team == null) {
      problems.add(new FieldProblem("pool", "{\"teamId\": …} or {\"users\": [{\"userId\": …, \"weight\": 1}]}"));
    }
    return team;
  }

  /** What a rule names must exist when it is saved (at routing time a stale name is skipped and explained). */
  private void references(List<RuleCondition> conditions, @Nullable UUID team, List<RoutingRule.Member> members) {
    for (RuleCondition c : conditions) {
      boolean known = RuleCondition.TEXT_FIELDS.containsKey(c.field()) || RuleCondition.NUMBER_FIELDS.contains(c.field())
          || RuleCondition.OTHER_FIELDS.contains(c.field())
          || c.field().startsWith(RuleCondition.CUSTOM_PREFIX)
              && catalog.customField(c.field().substring(RuleCondition.CUSTOM_PREFIX.length())).isPresent();
      if (!known) {
        throw new RuleViolation("unknown-field", "conditions: no lead field '" + c.field() + "' to route on");
      }
    }
    if (team != null && !users.teamExists(team)) {
      throw new RuleViolation("unknown-team", "pool.teamId: no team " + team);
    }
    for (RoutingRule.Member m : members) {
      if (!users.isActiveUser(m.userId())) {
        throw new RuleViolation("unknown-user", "pool.users: no active user " + m.userId());
      }
    }
  }

  private static boolean isNumber(String s) {
    try {
      new BigDecimal(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static boolean isStage(String s) {
    for (LifecycleStage st : LifecycleStage.values()) {
      if (st.name().equals(s)) {
        return true;
      }
    }
    return false;
  }

  private static @Nullable UUID uuidOr(@Nullable Object v, String field, List<FieldProblem> problems) {
    try {
      return UUID.fromString(String.valueOf(v));
    } catch (IllegalArgumentException e) {
      problems.add(new FieldProblem(field, "an id"));
      return null;
    }
  }

  private static @Nullable UUID uuid(String field, @Nullable Object v) {
    if (v == null) {
      return null;
    }
    try {
      return UUID.fromString(String.valueOf(v));
    } catch (IllegalArgumentException e) {
      throw InvalidInput.of(field, "an id or null");
    }
  }

  private static void write(Draft d, RoutingRuleRecord r) {
    r.setName(d.name());
    r.setActive(d.active());
    r.setConditions(JSON.writeValueAsString(conditionsJson(d.conditions())));
    r.setStrategy(d.strategy().name());
    r.setPoolTeamId(d.team());
    r.setPoolUsers(JSON.writeValueAsString(d.members().stream()
        .map(m -> Map.of("userId", m.userId().toString(), "weight", m.weight())).toList()));
    r.setSlaMinutes(d.sla());
  }

  private static List<Map<String, Object>> conditionsJson(List<RuleCondition> conditions) {
    return conditions.stream().map(c -> Map.<String, Object>of("field", c.field(),
        "op", camel(c.op()), "values", c.values())).toList();
  }

  private static String camel(RuleCondition.Op op) {
    return op == RuleCondition.Op.NOT_IN ? "notIn" : op.name().toLowerCase(Locale.ROOT);
  }

  static RoutingRule rule(RoutingRuleRecord r) {
    List<RuleCondition> conditions = JSON.readValue(r.getConditions(), LIST).stream()
        .map(c -> new RuleCondition(String.valueOf(c.get("field")),
            RuleCondition.Op.valueOf(String.valueOf(c.get("op")).replaceAll("([a-z])([A-Z])", "$1_$2")
                .toUpperCase(Locale.ROOT)),
            ((List<?>) c.get("values")).stream().map(String::valueOf).toList()))
        .toList();
    List<RoutingRule.Member> members = JSON.readValue(r.getPoolUsers(), LIST).stream()
        .map(m -> new RoutingRule.Member(UUID.fromString(String.valueOf(m.get("userId"))),
            ((Number) m.get("weight")).intValue()))
        .toList();
    return new RoutingRule(r.getId(), r.getPosition(), r.getName(), r.getActive(), conditions,
        Strategy.valueOf(r.getStrategy()), r.getPoolTeamId(), members, r.getSlaMinutes(), r.getVersion());
  }
}
