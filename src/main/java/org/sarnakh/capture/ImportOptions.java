package org.sarnakh.capture;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.InvalidInput.FieldProblem;

/**
 * How to import a file (PRODUCT.md §9, "Imports"): which column fills which lead field, whether
 * duplicates are skipped or updated and by which keys, values for fields a row leaves empty, and
 * how to read the bytes. {@code mapping} null means "suggest it from the headers".
 */
record ImportOptions(@Nullable Map<String, String> mapping, Mode mode, Set<String> matchBy,
    Map<String, Object> defaults, String encoding, String delimiter) {

  enum Mode {
    /** New leads only: a row matching a stored lead or contact, or an earlier row of the file, is skipped. */
    CREATE_ONLY,
    /** A row matching a lead updates it (empty cells leave fields as they are; tags are added). */
    UPSERT
  }

  static final Set<String> KEYS = Set.of("email", "phone", "externalId");
  static final Set<String> FIELDS = Set.of("mapping", "mode", "matchBy", "defaults", "encoding", "delimiter");

  ImportOptions {
    mapping = mapping == null ? null : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(mapping));
    matchBy = Set.copyOf(matchBy);
    defaults = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(defaults));
  }

  static ImportOptions standard() {
    return new ImportOptions(null, Mode.CREATE_ONLY, KEYS, Map.of(), "auto", "auto");
  }

  /** Reads the options part of an upload; every problem at once, named {@code options.<field>}. */
  @SuppressWarnings("unchecked")
  static ImportOptions parse(@Nullable Map<String, ?> json) {
    if (json == null) {
      return standard();
    }
    List<FieldProblem> problems = new ArrayList<>();
    for (String key : json.keySet()) {
      if (!FIELDS.contains(key)) {
        problems.add(new FieldProblem("options." + key, "unknown option; known are " + new java.util.TreeSet<>(FIELDS)));
      }
    }
    Map<String, String> mapping = null;
    Object m = json.get("mapping");
    if (m instanceof Map<?, ?> map) {
      mapping = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        Object target = e.getValue();
        if (target != null && !(target instanceof String)) {
          problems.add(new FieldProblem("options.mapping." + e.getKey(), "a lead field name, or null to ignore the column"));
          continue;
        }
        mapping.put(String.valueOf(e.getKey()), target == null ? "" : ((String) target).strip());
      }
    } else if (m != null) {
      problems.add(new FieldProblem("options.mapping", "an object {\"<column header>\": \"<lead field>\"}"));
    }
    Mode mode = Mode.CREATE_ONLY;
    Object md = json.get("mode");
    if (md != null) {
      try {
        mode = Mode.valueOf(String.valueOf(md).strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        problems.add(new FieldProblem("options.mode", "CREATE_ONLY or UPSERT"));
      }
    }
    Set<String> matchBy = KEYS;
    Object mb = json.get("matchBy");
    if (mb instanceof List<?> list) {
      matchBy = new LinkedHashSet<>();
      for (Object k : list) {
        if (!(k instanceof String s) || !KEYS.contains(s)) {
          problems.add(new FieldProblem("options.matchBy", "a list of email, phone, externalId"));
          break;
        }
        matchBy.add(s);
      }
      if (matchBy.isEmpty()) {
        problems.add(new FieldProblem("options.matchBy", "at least one of email, phone, externalId"));
      }
    } else if (mb != null) {
      problems.add(new FieldProblem("options.matchBy", "a list of email, phone, externalId"));
    }
    Map<String, Object> defaults = Map.of();
    Object d = json.get("defaults");
    if (d instanceof Map<?, ?> map) {
      defaults = (Map<String, Object>) map;
    } else if (d != null) {
      problems.add(new FieldProblem("options.defaults", "an object of lead fields, as the API takes them"));
    }
    String encoding = text(json.get("encoding"), "auto");
    if (!encoding.equalsIgnoreCase("auto")) {
      try {
        encoding = Charset.forName(encoding).name();
      } catch (IllegalArgumentException e) {
        problems.add(new FieldProblem("options.encoding", "auto, or an encoding such as UTF-8, UTF-16 or windows-1256"));
      }
    } else {
      encoding = "auto";
    }
    String delimiter = text(json.get("delimiter"), "auto");
    if (delimiter.equalsIgnoreCase("tab") || delimiter.equals("\\t")) {
      delimiter = "\t";
    }
    if (!delimiter.equals("auto") && !List.of(",", ";", "\t").contains(delimiter)) {
      problems.add(new FieldProblem("options.delimiter", "auto, \",\", \";\" or \"\\t\""));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInput(problems);
    }
    return new ImportOptions(mapping, mode, matchBy, defaults, encoding, delimiter);
  }

  private static String text(@Nullable Object value, String fallback) {
    if (value == null) {
      return fallback;
    }
    String s = String.valueOf(value);
    return s.isEmpty() ? fallback : s.equals("\t") ? s : s.strip();
  }

  /** The options as stored with the import and shown by the API: the mapping as it will be applied. */
  Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("mapping", mapping);
    m.put("mode", mode.name());
    m.put("matchBy", KEYS.stream().filter(matchBy::contains).toList());
    m.put("defaults", defaults);
    m.put("encoding", encoding);
    m.put("delimiter", delimiter);
    return m;
  }

  ImportOptions withMapping(Map<String, String> applied) {
    return new ImportOptions(applied, mode, matchBy, defaults, encoding, delimiter);
  }

  ImportOptions withFormat(String settledEncoding, String settledDelimiter) {
    return new ImportOptions(mapping, mode, matchBy, defaults, settledEncoding, settledDelimiter);
  }
}
