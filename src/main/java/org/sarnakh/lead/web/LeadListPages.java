package org.sarnakh.lead.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.sarnakh.identity.Accessor;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.lead.LeadQueries;
import org.sarnakh.lead.LeadQuery;
import org.sarnakh.lead.LeadQuery.SortKey;
import org.sarnakh.lead.LeadStatus;
import org.sarnakh.lead.LifecycleStage;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.web.FormErrors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The lead list page: search, filters, sortable columns and keyset pages, with htmx swapping
 * only the results; and the CSV export of what the list shows.
 */
@Controller
@RequestMapping("/leads")
class LeadListPages {

  /** Columns that sort, in the order the table shows them. */
  static final List<String> COLUMNS = List.of("lastName", "accountName", "email", "phone", "status", "rating",
      "leadSource", "ownerId", "city", "score", "createdAt");

  private final LeadQueries queries;
  private final LeadDownloads downloads;
  private final LeadLabels labels;
  private final Accessor access;

  private final List<org.sarnakh.lead.LeadListActions> actions;

  LeadListPages(LeadQueries queries, LeadDownloads downloads, LeadLabels labels, Accessor access,
      List<org.sarnakh.lead.LeadListActions> actions) {
    this.queries = queries;
    this.downloads = downloads;
    this.labels = labels;
    this.access = access;
    this.actions = List.copyOf(actions);
  }

  @GetMapping
  String list(@RequestParam MultiValueMap<String, String> params,
      @RequestHeader(name = "HX-Request", required = false) @Nullable String htmx, Model model,
      HttpServletResponse response) {
    CurrentUser user = access.current();
    MultiValueMap<String, String> given = nonBlank(params);
    model.addAttribute("params", LeadForm.typed(given));
    model.addAttribute("selectedStatuses", given.getOrDefault("status", List.of()).stream()
        .flatMap(v -> java.util.Arrays.stream(v.split(","))).map(String::strip).toList());
    model.addAttribute("statuses", LeadStatus.values());
    model.addAttribute("stages", LifecycleStage.values());
    var pageLabels = labels.forPickers(user.locale(), List.of());
    model.addAttribute("stageChoices", pageLabels.named("lifecycleStage",
        java.util.Arrays.stream(LifecycleStage.values()).map(Enum::name).toList()));
    model.addAttribute("curator", user.role() != org.sarnakh.identity.Role.SALES_REP);
    model.addAttribute("moreActions", actions.stream().flatMap(a -> a.actions(user).stream()).toList());
    List<LeadRow> rows = List.of();
    try {
      LeadQuery query = LeadQuery.parse(given);
      LeadQueries.Page page = queries.list(query, user);
      rows = page.items().stream().map(LeadRow::of).toList();
      Map<String, String> filters = LeadQuery.describe(query.filters());
      model.addAttribute("sort", query.sort().asParameter());
      model.addAttribute("sortLinks", sortLinks(filters, query.sort()));
      model.addAttribute("filtered", !filters.isEmpty());
      model.addAttribute("filterCount", filters.keySet().stream().filter(k -> !k.equals("q") && !k.equals("deleted")).count());
      model.addAttribute("filterQuery", url("", filters, null, null));
      model.addAttribute("exportUrl", url("/leads/export.csv", filters, null, null));
      model.addAttribute("exportXlsxUrl", url("/leads/export.xlsx", filters, null, null));
      model.addAttribute("firstUrl", query.after() == null ? null : url("/leads", filters, query.sort().asParameter(), null));
      model.addAttribute("nextUrl", page.nextCursor() == null ? null
          : url("/leads", filters, query.sort().asParameter(), page.nextCursor()));
      model.addAttribute("errors", FormErrors.NONE);
      model.addAttribute("trash", query.filters().deleted());
    } catch (InvalidInput e) {
      response.setStatus(400);
      model.addAttribute("errors", FormErrors.of(e));
      model.addAttribute("sort", "-createdAt");
      model.addAttribute("sortLinks", Map.of());
      model.addAttribute("filtered", true);
      model.addAttribute("filterCount", 0L);
      model.addAttribute("trash", "true".equals(given.getFirst("deleted")));
    }
    model.addAttribute("rows", rows);
    model.addAttribute("labels", pageLabels);
    model.addAttribute("owners", labels.activeUsers());
    return htmx != null ? "leads/list :: results" : "leads/list";
  }

  @GetMapping("/export.csv")
  void exportCsv(@RequestParam MultiValueMap<String, String> params, HttpServletResponse response) throws IOException {
    downloads.csv(nonBlank(params), response);
  }

  @GetMapping("/export.xlsx")
  void exportXlsx(@RequestParam MultiValueMap<String, String> params, HttpServletResponse response) throws IOException {
    downloads.xlsx(nonBlank(params), response);
  }

  /** Empty inputs of the filter form mean "no filter", not "match the empty string". */
  static MultiValueMap<String, String> nonBlank(MultiValueMap<String, String> params) {
    MultiValueMap<String, String> out = new LinkedMultiValueMap<>();
    params.forEach((k, values) -> {
      if (k.equals("_csrf")) {
        return;
      }
      List<String> kept = new ArrayList<>();
      for (String v : values) {
        if (v != null && !v.isBlank()) {
          kept.add(v);
        }
      }
      if (!kept.isEmpty()) {
        out.put(k, kept);
      }
    });
    return out;
  }

  /** For each sortable column, the link that sorts by it: ascending first, the other way when it is the current sort. */
  static Map<String, String> sortLinks(Map<String, String> filters, LeadQuery.Sort current) {
    Map<String, String> links = new LinkedHashMap<>();
    for (String column : COLUMNS) {
      if (!isSortKey(column)) {
        continue;
      }
      boolean same = current.key().name().equals(column);
      boolean descending = same ? !current.descending() : column.equals("createdAt") || column.equals("score");
      links.put(column, url("/leads", filters, (descending ? "-" : "") + column, null));
    }
    return links;
  }

  private static boolean isSortKey(String column) {
    for (SortKey k : SortKey.values()) {
      if (k.name().equals(column)) {
        return true;
      }
    }
    return false;
  }

  /** A link to {@code path} with these parameters, each value form-encoded ({@code +} in a phone number stays a plus). */
  static String url(String path, Map<String, String> filters, @Nullable String sort, @Nullable String cursor) {
    Map<String, String> params = new LinkedHashMap<>(filters);
    if (sort != null) {
      params.put("sort", sort);
    }
    if (cursor != null) {
      params.put("cursor", cursor);
    }
    StringBuilder b = new StringBuilder(path);
    params.forEach((k, v) -> b.append(b.length() == path.length() ? '?' : '&').append(k).append('=')
        .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return b.toString();
  }

  /** Parameters of a query string such as {@code ?status=NEW&q=%D8%B1}, decoded. */
  static MultiValueMap<String, String> query(@Nullable String queryString) {
    MultiValueMap<String, String> out = new LinkedMultiValueMap<>();
    if (queryString == null) {
      return out;
    }
    String qs = queryString.startsWith("?") ? queryString.substring(1) : queryString;
    for (String pair : qs.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      try {
        out.add(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw InvalidInput.of("filterQuery", "not the query of a lead list");
      }
    }
    return out;
  }

  static List<UUID> ids(@Nullable List<String> values) {
    List<UUID> ids = new ArrayList<>();
    if (values != null) {
      for (String v : values) {
        try {
          ids.add(UUID.fromString(v.strip()));
        } catch (IllegalArgumentException e) {
          throw InvalidInput.of("ids", "not a lead id: " + v);
        }
      }
    }
    return ids;
  }
}
