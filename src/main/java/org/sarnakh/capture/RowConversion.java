package org.sarnakh.capture;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.sarnakh.lead.CodeLists.CustomField;
import org.sarnakh.lead.DuplicateKeys;
import org.sarnakh.lead.Lead;
import org.sarnakh.lead.LeadCatalog;
import org.sarnakh.lead.LeadCsvRows;
import org.sarnakh.lead.LeadField;
import org.sarnakh.lead.LeadId;
import org.sarnakh.lead.LeadInput;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.InvalidInput.FieldProblem;
import org.sarnakh.platform.InvalidValue;
import org.sarnakh.platform.text.TextKeys;

/**
 * Turns one record of a file into lead input through the same parser as the API
 * ({@link LeadInput}), after the checks that only a file needs: the number of cells, cells longer
 * than any field, bytes the encoding could not read. Thread-safe: a chunk is converted off the
 * writing thread.
 */
final class RowConversion {

  /** A record that can become a lead: its own values, the same merged with the import's defaults, its keys. */
  record Valid(long line, LeadId id, LeadInput.Parsed own, LeadInput.Parsed withDefaults, DuplicateKeys keys,
      List<String> cells) implements Converted {}

  /** A record refused with every problem found. */
  record Refused(long line, List<FieldProblem> problems, List<String> cells) implements Converted {}

  /** A record of empty cells only (spreadsheets leave them at the end): not a lead, not an error. */
  record Blank(long line) implements Converted {}

  sealed interface Converted permits Valid, Refused, Blank {}

  private static final Set<String> TRUE = searchForms("true", "yes", "y", "1", "بله", "آری", "درست", "نعم", "صح");
  private static final Set<String> FALSE = searchForms("false", "no", "n", "0", "خیر", "نه", "غلط", "لا", "خطأ");

  private static Set<String> searchForms(String... words) {
    Set<String> s = new java.util.HashSet<>();
    for (String w : words) {
      s.add(TextKeys.searchKey(w).strip());
    }
    return Set.copyOf(s);
  }

  private final int columns;
  private final int[] mapped;
  private final List<String> targets;
  private final Map<String, CustomField> custom;
  private final LeadInput.Parsed defaults;
  private final Set<String> matchBy;
  private final LeadCatalog catalog;
  private final String encodingName;
  private final ImportIds ids;

  RowConversion(List<String> uniqueHeader, Map<String, String> mapping, Set<String> matchBy,
      LeadInput.Parsed defaults, List<CustomField> customFields, LeadCatalog catalog, String encodingName,
      ImportIds ids) {
    this.columns = uniqueHeader.size();
    List<Integer> cols = new ArrayList<>();
    List<String> t = new ArrayList<>();
    for (int i = 0; i < uniqueHeader.size(); i++) {
      String target = mapping.getOrDefault(uniqueHeader.get(i), "");
      if (!target.isEmpty()) {
        cols.add(i);
        t.add(target);
      }
    }
    this.mapped = cols.stream().mapToInt(Integer::intValue).toArray();
    this.targets = List.copyOf(t);
    this.custom = new LinkedHashMap<>();
    customFields.forEach(c -> custom.put(c.name(), c));
    this.defaults = defaults;
    this.matchBy = Set.copyOf(matchBy);
    this.catalog = catalog;
    this.encodingName = encodingName;
    this.ids = ids;
  }

  Converted convert(SourceRows.Row row) {
    List<String> cells = row.cells();
    if (cells.stream().allMatch(String::isBlank)) {
      return new Blank(row.line());
    }
    List<FieldProblem> problems = new ArrayList<>();
    boolean extraFilled = false;
    for (int i = columns; i < cells.size(); i++) {
      extraFilled |= !cells.get(i).isBlank();
    }
    if (cells.size() < columns || extraFilled) {
      problems.add(new FieldProblem("row", "has " + cells.size() + " cells; the header has " + columns));
      return new Refused(row.line(), problems, cells);
    }
    List<String> mappedCells = new ArrayList<>(mapped.length);
    for (int k = 0; k < mapped.length; k++) {
      String cell = cells.get(mapped[k]);
      String target = targets.get(k);
      if (cell.length() >= SourceRows.CELL_CAP) {
        problems.add(new FieldProblem(target, "at most " + maxLength(target) + " characters"));
      } else if (TextFormat.hasReplacement(cell)) {
        problems.add(new FieldProblem(target, "contains bytes that are not valid " + encodingName
            + "; save the file as UTF-8 or choose its encoding"));
      }
      mappedCells.add(cell);
    }
    if (!problems.isEmpty()) {
      return new Refused(row.line(), problems, cells);
    }
    try {
      Map<String, Object> json = LeadCsvRows.toJson(targets, mappedCells);
      booleans(json);
      LeadInput.Parsed own = LeadInput.parse(json, catalog);
      LeadInput.Parsed merged = withDefaults(own);
      LeadId id = ids.next();
      // Building the lead checks what only a whole lead can tell: that it identifies somebody.
      Lead.create(id, merged, java.time.Instant.EPOCH, null);
      return new Valid(row.line(), id, own, merged, keys(merged), cells);
    } catch (InvalidInput e) {
      return new Refused(row.line(), e.problems(), cells);
    } catch (InvalidValue e) {
      return new Refused(row.line(), List.of(new FieldProblem(e.field(), e.getMessage())), cells);
    }
  }

  /** The import's defaults under the row's own values; tags are the union of both. */
  LeadInput.Parsed withDefaults(LeadInput.Parsed own) {
    Map<LeadField, @Nullable Object> changes = new EnumMap<>(LeadField.class);
    changes.putAll(defaults.changes());
    own.changes().forEach((field, value) -> {
      if (field == LeadField.CUSTOM_FIELDS && value instanceof Map<?, ?> ownCustom
          && changes.get(LeadField.CUSTOM_FIELDS) instanceof Map<?, ?> base) {
        Map<Object, Object> both = new LinkedHashMap<>(base);
        both.putAll(ownCustom);
        changes.put(field, both);
      } else if (field != LeadField.TAGS) {
        changes.put(field, value);
      }
    });
    List<String> tags = unionTags(tags(defaults), tags(own));
    if (!tags.isEmpty()) {
      changes.put(LeadField.TAGS, tags);
    }
    return new LeadInput.Parsed(changes, own.consent() != null ? own.consent() : defaults.consent(),
        own.consent() != null ? own.consentSource() : defaults.consentSource());
  }

  /** The tags a row adds to a lead it updates: its own and the import's. */
  List<String> addedTags(LeadInput.Parsed own) {
    return unionTags(tags(defaults), tags(own));
  }

  static List<String> unionTags(List<String> a, List<String> b) {
    Map<String, String> byKey = new LinkedHashMap<>();
    for (String t : a) {
      byKey.putIfAbsent(TextKeys.searchKey(t), t);
    }
    for (String t : b) {
      byKey.putIfAbsent(TextKeys.searchKey(t), t);
    }
    return List.copyOf(byKey.values());
  }

  @SuppressWarnings("unchecked")
  static List<String> tags(LeadInput.Parsed input) {
    Object v = input.changes().get(LeadField.TAGS);
    return v == null ? List.of() : (List<String>) v;
  }

  DuplicateKeys keys(LeadInput.Parsed input) {
    Set<String> phones = new LinkedHashSet<>();
    Object phone = input.changes().get(LeadField.PHONE);
    Object mobile = input.changes().get(LeadField.MOBILE);
    if (phone != null) {
      phones.add(phone.toString());
    }
    if (mobile != null) {
      phones.add(mobile.toString());
    }
    Object email = input.changes().get(LeadField.EMAIL);
    Object external = input.changes().get(LeadField.EXTERNAL_ID);
    return new DuplicateKeys(email == null ? null : email.toString(), phones,
        external == null ? null : external.toString()).only(matchBy);
  }

  /** Spreadsheets write yes/no cells as text; a BOOLEAN custom field takes them in the usual spellings. */
  @SuppressWarnings("unchecked")
  private void booleans(Map<String, Object> json) {
    if (!(json.get("customFields") instanceof Map<?, ?> values)) {
      return;
    }
    Map<String, Object> m = (Map<String, Object>) values;
    for (Map.Entry<String, Object> e : m.entrySet()) {
      CustomField def = custom.get(e.getKey());
      if (def != null && "BOOLEAN".equals(def.type()) && e.getValue() instanceof String s) {
        String k = TextKeys.searchKey(s).strip();
        if (TRUE.contains(k)) {
          e.setValue(Boolean.TRUE);
        } else if (FALSE.contains(k)) {
          e.setValue(Boolean.FALSE);
        }
      }
    }
  }

  private int maxLength(String target) {
    if (target.startsWith("customFields.")) {
      CustomField c = custom.get(target.substring("customFields.".length()));
      return c == null ? 255 : c.maxLength();
    }
    return LeadField.byApiName(target).map(LeadField::maxLength).filter(n -> n > 0).orElse(SourceRows.CELL_CAP - 1);
  }
}
