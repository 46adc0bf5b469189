package org.sarnakh.lead;

import static org.sarnakh.platform.db.Tables.CODE_LIST;
import static org.sarnakh.platform.db.Tables.CUSTOM_FIELD;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.sarnakh.platform.ApiTime;
import org.sarnakh.platform.DomainConflict;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.InvalidInput.FieldProblem;
import org.sarnakh.platform.NotFound;
import org.sarnakh.platform.text.TextKeys;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Admin-managed lists (lead sources, industries, sub-industries, lost reasons) and custom field definitions. */
@Service
public class CodeLists {

  public static final Map<String, String> LISTS = Map.of("lead-sources", "lead_source", "industries", "industry",
      "sub-industries", "sub_industry", "lost-reasons", "lost_reason", "opportunity-stages", "opportunity_stage");
  public static final Set<String> CUSTOM_TYPES = Set.of("TEXT", "NUMBER", "BOOLEAN", "DATE");

  public record Code(String code, String label, Map<String, String> labels, boolean active) {}

  public record CustomField(String name, String label, String type, int maxLength) {}

  private final DSLContext db;
  private final Clock clock;

  CodeLists(DSLContext db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** The kind of a list by its name in URLs ({@code lead-sources} → {@code lead_source}); unknown names are not found. */
  public static String kind(String list) {
    String kind = LISTS.get(list);
    if (kind == null) {
      throw new NotFound("settings list");
    }
    return kind;
  }

  /** Codes of one list in order; {@code label} is in the asked language. */
  public List<Code> list(String kind, String language, boolean includeInactive) {
    return db.selectFrom(CODE_LIST).where(CODE_LIST.KIND.eq(kind).and(includeInactive ? DSL.trueCondition()
            : CODE_LIST.ACTIVE.isTrue()))
        .orderBy(CODE_LIST.POSITION, CODE_LIST.CODE)
        .fetch(r -> new Code(r.getCode(), switch (language) {
          case "fa" -> r.getLabelFa();
          case "ar" -> r.getLabelAr();
          default -> r.getLabelEn();
        }, Map.of("en", r.getLabelEn(), "fa", r.getLabelFa(), "ar", r.getLabelAr()), r.getActive()));
  }

  @Transactional
  public Code add(String kind, @Nullable String code, @Nullable Map<String, String> labels) {
    List<FieldProblem> problems = new ArrayList<>();
    // Opportunity stages are upper snake case (PROSPECTING … CLOSED_WON), like the statuses they sit beside.
    boolean upper = "opportunity_stage".equals(kind);
    if (code == null || !code.matches(upper ? "[A-Z][A-Z0-9_]{0,29}" : "[a-z][a-z0-9_]{0,49}")) {
      problems.add(new FieldProblem("code", (upper ? "upper" : "lower")
          + " snake case, 1 to " + (upper ? 30 : 50) + " characters, starting with a letter"));
    }
    Map<String, String> l = labels == null ? Map.of() : labels;
    for (String lang : List.of("en", "fa", "ar")) {
      String label = l.get(lang);
      if (label != null && (label.isBlank() || label.length() > 100 || TextKeys.hasForbiddenControls(label))) {
        problems.add(new FieldProblem("labels." + lang, "1 to 100 characters, no control characters"));
      }
    }
    if (l.get("en") == null) {
      problems.add(new FieldProblem("labels.en", "required"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInput(problems);
    }
    if (db.fetchExists(CODE_LIST, CODE_LIST.KIND.eq(kind).and(CODE_LIST.CODE.eq(code)))) {
      throw new DomainConflict("duplicate-code", "code '" + code + "' exists in this list");
    }
    Integer max = db.select(DSL.max(CODE_LIST.POSITION)).from(CODE_LIST).where(CODE_LIST.KIND.eq(kind)).fetchOne().value1();
    String en = l.get("en").strip();
    db.insertInto(CODE_LIST).set(CODE_LIST.KIND, kind).set(CODE_LIST.CODE, code).set(CODE_LIST.LABEL_EN, en)
        .set(CODE_LIST.LABEL_FA, l.getOrDefault("fa", en).strip()).set(CODE_LIST.LABEL_AR, l.getOrDefault("ar", en).strip())
        .set(CODE_LIST.POSITION, max == null ? 1 : max + 1).execute();
    return list(kind, "en", true).stream().filter(c -> c.code().equals(code)).findFirst().orElseThrow();
  }

  /** Codes are never deleted (leads keep them); they are deactivated and disappear from pickers. */
  @Transactional
  public void setActive(String kind, String code, boolean active) {
    if (db.update(CODE_LIST).set(CODE_LIST.ACTIVE, active).where(CODE_LIST.KIND.eq(kind).and(CODE_LIST.CODE.eq(code)))
        .execute() == 0) {
      throw new NotFound("code");
    }
  }

  public List<CustomField> customFields() {
    return db.selectFrom(CUSTOM_FIELD).orderBy(CUSTOM_FIELD.NAME)
        .fetch(r -> new CustomField(r.getName(), r.getLabel(), r.getFieldType(), r.getMaxLength()));
  }

  @Transactional
  public CustomField defineCustomField(@Nullable String name, @Nullable String label, @Nullable String type,
      @Nullable Integer maxLength) {
    List<FieldProblem> problems = new ArrayList<>();
    if (name == null || !name.matches("[a-z][A-Za-z0-9]{0,49}")) {
      problems.add(new FieldProblem("name", "camelCase letters and digits, 1 to 50, starting with a lower-case letter"));
    }
    if (label == null || label.isBlank() || label.length() > 100 || TextKeys.hasForbiddenControls(label)) {
      problems.add(new FieldProblem("label", "1 to 100 characters"));
    }
    String t = type == null ? "TEXT" : type;
    if (!CUSTOM_TYPES.contains(t)) {
      problems.add(new FieldProblem("type", "one of " + CUSTOM_TYPES));
    }
    int max = maxLength == null ? 255 : maxLength;
    if (max < 1 || max > 4000) {
      problems.add(new FieldProblem("maxLength", "between 1 and 4000"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInput(problems);
    }
    if (db.fetchExists(CUSTOM_FIELD, CUSTOM_FIELD.NAME.eq(name))) {
      throw new DomainConflict("duplicate-custom-field", "custom field '" + name + "' exists");
    }
    db.insertInto(CUSTOM_FIELD).set(CUSTOM_FIELD.NAME, name).set(CUSTOM_FIELD.LABEL, label.strip())
        .set(CUSTOM_FIELD.FIELD_TYPE, t).set(CUSTOM_FIELD.MAX_LENGTH, max)
        .set(CUSTOM_FIELD.CREATED_AT, ApiTime.truncate(clock.instant())).execute();
    return new CustomField(name, label.strip(), t, max);
  }
}
