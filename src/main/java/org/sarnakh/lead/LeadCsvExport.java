package org.sarnakh.lead;

import de.siegmar.fastcsv.writer.CsvWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.platform.ApiTime;
import org.springframework.stereotype.Component;

/**
 * Streams leads as CSV: UTF-8 with BOM, API field names as headers (nested ones dotted), and
 * cells that a spreadsheet would run as a formula defused with a leading apostrophe.
 */
@Component
public class LeadCsvExport {

  private final LeadQueries queries;

  LeadCsvExport(LeadQueries queries) {
    this.queries = queries;
  }

  /** The header row: API field names, nested ones dotted; what import reads back. */
  public static List<String> header() {
    List<String> h = new ArrayList<>();
    h.add("id");
    for (LeadField f : LeadField.values()) {
      switch (f.kind()) {
        case MONEY -> {
          h.add(f.apiName() + ".amount");
          h.add(f.apiName() + ".currency");
        }
        case CUSTOM -> h.add("customFields");
        default -> h.add(f.apiName());
      }
    }
    h.addAll(List.of("status", "deadReason", "lifecycleStage", "score.fit", "score.engagement", "score.total",
        "marketingConsent.status", "createdAt", "updatedAt", "convertedAt"));
    return h;
  }

  /** One lead as the cells under {@link #header()}, not yet defused. */
  public static List<String> row(Lead lead) {
    List<String> r = new ArrayList<>();
    r.add(lead.id().toString());
    for (LeadField f : LeadField.values()) {
      Object v = lead.get(f);
      switch (f.kind()) {
        case MONEY -> {
          r.add(v == null ? "" : ((Money) v).amountString());
          r.add(v == null ? "" : ((Money) v).currency().getCurrencyCode());
        }
        case TAGS -> r.add(v == null ? "" : String.join("; ", lead.tags()));
        case CUSTOM -> r.add(v == null ? "" : customText((Map<?, ?>) v));
        default -> r.add(v == null ? "" : v.toString());
      }
    }
    r.add(lead.status().name());
    r.add(nz(lead.deadReason()));
    r.add(lead.lifecycleStage().name());
    r.add(String.valueOf(lead.score().fit()));
    r.add(String.valueOf(lead.score().engagement()));
    r.add(String.valueOf(lead.score().total()));
    r.add(lead.consent().status().name());
    r.add(ApiTime.format(lead.createdAt()));
    r.add(ApiTime.format(lead.updatedAt()));
    r.add(nz(ApiTime.format(lead.convertedAt())));
    return r;
  }

  private static String customText(Map<?, ?> custom) {
    StringBuilder sb = new StringBuilder();
    custom.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : "; ").append(k).append('=').append(v));
    return sb.toString();
  }

  private static String nz(@Nullable String s) {
    return s == null ? "" : s;
  }

  /** A cell starting with = + - @ tab or carriage return is prefixed with ' (PRODUCT.md §9). */
  public static String defuse(String cell) {
    if (!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0) {
      return "'" + cell;
    }
    return cell;
  }

  public void write(LeadQuery.Filters filters, CurrentUser user, OutputStream out) throws IOException {
    Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
    writer.write('\uFEFF');
    try (CsvWriter csv = CsvWriter.builder().build(writer)) {
      csv.writeRecord(header());
      queries.forEach(filters, user, lead -> csv.writeRecord(row(lead).stream().map(LeadCsvExport::defuse).toList()));
    }
  }
}
