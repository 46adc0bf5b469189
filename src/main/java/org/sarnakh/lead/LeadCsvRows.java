package org.sarnakh.lead;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sarnakh.platform.InvalidInput;

/** Reads a row in the export's format back into the JSON shape of the API, so export round-trips. */
public final class LeadCsvRows {

  /** Columns the export writes that are not input (identity, status, scores, times). */
  static final Set<String> OUTPUT_ONLY = Set.of("id", "status", "deadReason", "lifecycleStage", "score.fit",
      "score.engagement", "score.total", "marketingConsent.status", "createdAt", "updatedAt", "convertedAt");

  private LeadCsvRows() {}

  @SuppressWarnings("unchecked")
  public static Map<String, Object> toJson(List<String> header, List<String> cells) {
    if (cells.size() != header.size()) {
      throw InvalidInput.of("row", "has " + cells.size() + " cells; the header has " + header.size());
    }
    Map<String, Object> json = new LinkedHashMap<>();
    for (int i = 0; i < header.size(); i++) {
      String name = header.get(i);
      String cell = undefuse(cells.get(i));
      if (cell.isBlank() || OUTPUT_ONLY.contains(name)) {
        continue;
      }
      if (name.equals("tags")) {
        json.put("tags", List.of(cell.split("\\s*;\\s*")));
      } else if (name.equals("customFields")) {
        Map<String, Object> custom = new LinkedHashMap<>();
        for (String pair : cell.split("\\s*;\\s*")) {
          int eq = pair.indexOf('=');
          if (eq > 0) {
            custom.put(pair.substring(0, eq), pair.substring(eq + 1));
          }
        }
        json.put("customFields", custom);
      } else if (name.contains(".")) {
        String group = name.substring(0, name.indexOf('.'));
        String leaf = name.substring(name.indexOf('.') + 1);
        ((Map<String, Object>) json.computeIfAbsent(group, g -> new LinkedHashMap<String, Object>())).put(leaf, cell);
      } else {
        json.put(name, cell);
      }
    }
    return json;
  }

  /** Reverses the export's formula defusing: a leading apostrophe before = + - @ is removed. */
  static String undefuse(String cell) {
    if (cell.length() > 1 && cell.charAt(0) == '\'' && "=+-@\t\r".indexOf(cell.charAt(1)) >= 0) {
      return cell.substring(1);
    }
    return cell;
  }
}
